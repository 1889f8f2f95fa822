import type { ModbusModel } from '../bridge/config/site-config.schema';
import { meterModels } from '../bridge/drivers/modbus/meter-models';
import { createMockNullModem } from '../serial/mock-null-modem';
import type { SerialBinding, SerialSettings } from '../serial/open-serial-port';
import { startPtyPair } from '../serial/pty-pair';
import { Dlt645MeterSimulator, type Dlt645MeterSimulatorOptions } from './meter-dlt645';
import { ModbusMeterSimulator } from './meter-modbus';
import type { SimulatedMeter, SimulatedMeterSpec } from './meter-state';

/** One meter on the line and its id in Hearth (metering.meter.id), for the site file. */
export type MeterOnLine = SimulatedMeterSpec & { deviceId: string };

export interface MeterLineOptions extends Pick<
  Dlt645MeterSimulatorOptions,
  'tickMs' | 'timeScale' | 'buttonPressMs' | 'answerInPieces' | 'paceToBaudRate' | 'random'
> {
  /** One serial line speaks one protocol: DL/T 645-2007 (default), or Modbus RTU meters (Eastron SDM120 map). */
  protocol?: 'dlt645' | 'modbus';
  /** DL/T 645: `address` is the 12-digit address; Modbus: the unit id ('1'…'247'). */
  meters: MeterOnLine[];
  /** `mock` (default): an in-process null modem; `pty`: a socat pair, which a bridge in another process can open. */
  transport?: 'mock' | 'pty';
  /** The line's name in the site file (default `meters`). */
  portName?: string;
  /** Default 2400 (DL/T 645's usual rate, 8E1) or 9600 (Modbus, 8N1). */
  baudRate?: number;
  /** How often the bridge polls each meter (default 60 s) and waits for its answer (default 1 s). */
  pollIntervalMs?: number;
  responseTimeoutMs?: number;
}

export interface SimulatedMeterLine {
  protocol: 'dlt645' | 'modbus';
  /** The bridge's binding (mock transport; pass it to `EdgeBridge.start`); unset for a pty. */
  binding?: SerialBinding;
  /** What a site file lists for this line: merge into `ports`, `devices` and `modbusModels`. */
  site: { ports: Record<string, SerialSettings>; devices: Record<string, unknown>[]; modbusModels: Record<string, ModbusModel> };
  /** A meter by its address (DL/T 645) or unit id (Modbus), to read its register, trip it, press its button, top it up. */
  meter(address: string): SimulatedMeter;
  dlt645?: Dlt645MeterSimulator;
  modbus?: ModbusMeterSimulator;
  close(): Promise<void>;
}

/**
 * Simulated electricity meters on one serial line, ready for the edge bridge: the simulator on one
 * end, and the site file's port and devices for the other. `meters` of a DL/T 645 line answer reads
 * and relay control (1CH) like real meters; Modbus meters serve the SDM120's energy register.
 */
export async function startSimulatedMeterLine(options: MeterLineOptions): Promise<SimulatedMeterLine> {
  const protocol = options.protocol ?? 'dlt645';
  const portName = options.portName ?? 'meters';
  let binding: SerialBinding | undefined;
  let pair: { paths: [string, string]; close(): Promise<void> };
  if (options.transport === 'pty') pair = await startPtyPair();
  else {
    const modem = createMockNullModem();
    [binding, pair] = [modem.binding, { paths: modem.paths, close: () => Promise.resolve() }];
  }
  const [bridgeEnd, deviceEnd] = pair.paths;
  const settings: SerialSettings =
    protocol === 'dlt645'
      ? { path: bridgeEnd, baudRate: options.baudRate ?? 2400, dataBits: 8, parity: 'even', stopBits: 1 }
      : { path: bridgeEnd, baudRate: options.baudRate ?? 9600, dataBits: 8, parity: 'none', stopBits: 1 };
  const line = { ...settings, path: deviceEnd };
  const timing = { pollIntervalMs: options.pollIntervalMs ?? 60_000, responseTimeoutMs: options.responseTimeoutMs ?? 1_000 };
  const simulator = { ...options, line, binding };
  if (protocol === 'dlt645') {
    const dlt645 = await Dlt645MeterSimulator.start(simulator);
    const devices = options.meters.map((m) => ({
      driver: 'dlt645',
      port: portName,
      address: m.address,
      deviceId: m.deviceId,
      remainingMoney: m.remainingMoneyMinor !== undefined,
      password: m.password ?? { level: 2, code: '000000' },
      ...timing,
    }));
    return {
      protocol,
      binding,
      site: { ports: { [portName]: settings }, devices, modbusModels: {} },
      meter: (address) => dlt645.meter(address),
      dlt645,
      close: async () => {
        await dlt645.stop();
        await pair.close();
      },
    };
  }
  const modbus = await ModbusMeterSimulator.start(simulator);
  const devices = options.meters.map((m) => ({
    driver: 'modbus-rtu',
    port: portName,
    unitId: Number(m.address),
    model: 'eastron-sdm120',
    deviceId: m.deviceId,
    ...timing,
  }));
  return {
    protocol,
    binding,
    site: { ports: { [portName]: settings }, devices, modbusModels: { 'eastron-sdm120': meterModels['eastron-sdm120'] } },
    meter: (address) => modbus.meter(Number(address)),
    modbus,
    close: async () => {
      await modbus.stop();
      await pair.close();
    },
  };
}
