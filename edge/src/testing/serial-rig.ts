import type { TankValues } from '../bridge/drivers/modbus/register-map';
import { validateSiteConfig } from '../bridge/config/load-site-config';
import type { SiteConfig } from '../bridge/config/site-config.schema';
import { createMockNullModem } from '../serial/mock-null-modem';
import { settings8N1, type SerialBinding } from '../serial/open-serial-port';
import { startPtyPair } from '../serial/pty-pair';
import { demoGaugeModel } from '../simulator/serial/demo-gauge-model';
import { ModbusGaugeSimulator } from '../simulator/serial/modbus-gauge-simulator';
import { TlsConsoleSimulator, type SimulatedTlsTank } from '../simulator/serial/tls-console-simulator';

export type SerialTransport = 'pty' | 'mock';

/** A Modbus gauge (unit 1) and a TLS-350 (U.S. units: inches and °F) on two serial lines. */
export interface SerialRig {
  transport: SerialTransport;
  /** The bridge's ends of the two lines. */
  modbusPath: string;
  tlsPath: string;
  binding?: SerialBinding;
  gauge: ModbusGaugeSimulator;
  console: TlsConsoleSimulator;
  close(): Promise<void>;
}

/** Both simulators behind a socat pty pair each, or behind binding-mock null modems. */
export async function startSerialRig(transport: SerialTransport, gauge: TankValues, tlsTanks: SimulatedTlsTank[]): Promise<SerialRig> {
  const closers: (() => Promise<void>)[] = [];
  const pair = async (): Promise<{ paths: [string, string]; binding?: SerialBinding }> => {
    if (transport === 'mock') return createMockNullModem();
    const pty = await startPtyPair();
    closers.push(() => pty.close());
    return { paths: pty.paths };
  };
  const modbusLine = await pair();
  const tlsLine = await pair();
  const binding = modbusLine.binding; // one binding serves every mock pair
  const gaugeSim = await ModbusGaugeSimulator.start({
    line: settings8N1(modbusLine.paths[1]),
    binding: modbusLine.binding,
    model: demoGaugeModel,
    gauges: { 1: gauge },
  });
  const consoleSim = await TlsConsoleSimulator.start({
    line: settings8N1(tlsLine.paths[1]),
    binding: tlsLine.binding,
    units: { length: 'in', temperature: 'F' },
    tanks: tlsTanks,
  });
  return {
    transport,
    modbusPath: modbusLine.paths[0],
    tlsPath: tlsLine.paths[0],
    binding,
    gauge: gaugeSim,
    console: consoleSim,
    async close() {
      await gaugeSim.stop();
      await consoleSim.stop();
      for (const close of closers) await close();
    },
  };
}

export interface RigSiteOptions {
  brokerUrl: string;
  gateway: { id: string; secret: string };
  bufferDir: string;
  /** Device ids: the Modbus gauge (unit 1) and TLS tank numbers. */
  modbusTank: string;
  tlsTanks: Record<string, string>;
  pollIntervalMs?: number;
}

/** A site file for the rig, validated like a real one. */
export function rigSiteConfig(rig: SerialRig, o: RigSiteOptions): SiteConfig {
  return validateSiteConfig({
    gatewayId: o.gateway.id,
    secret: o.gateway.secret,
    broker: { url: o.brokerUrl, reconnectMinMs: 100, reconnectMaxMs: 500 },
    buffer: { dir: o.bufferDir, fsync: 'never' },
    status: { logIntervalSeconds: 0 },
    ports: { gauges: { path: rig.modbusPath, baudRate: 9600 }, console: { path: rig.tlsPath, baudRate: 9600 } },
    modbusModels: { 'hearth-demo-gauge': demoGaugeModel },
    devices: [
      {
        driver: 'modbus-rtu',
        port: 'gauges',
        unitId: 1,
        model: 'hearth-demo-gauge',
        deviceId: o.modbusTank,
        pollIntervalMs: o.pollIntervalMs ?? 200,
        responseTimeoutMs: 500,
      },
      {
        driver: 'veeder-root-tls',
        port: 'console',
        units: { length: 'in', temperature: 'F' },
        tanks: o.tlsTanks,
        pollIntervalMs: Math.max(o.pollIntervalMs ?? 500, 500),
        responseTimeoutMs: 500,
      },
    ],
  });
}
