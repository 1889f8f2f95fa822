import { closeSerialPort, openSerialPort } from '../../../serial/open-serial-port';
import { SerialExchange } from '../../../serial/serial-exchange';
import type { TlsDeviceConfig } from '../../config/site-config.schema';
import { FieldReadError, type DeviceReader, type FieldDriver, type TankReading } from '../field-driver';
import { parseInventoryReport } from './inventory-report';
import { ETX, inventoryCommand, SOH } from './tls-frame';
import { tankValues } from './tls-units';

/**
 * Veeder-Root TLS-3xx over RS-232: one console per line, asked for the in-tank inventory
 * (function 201) of its mapped tanks on each poll.
 */
export const veederRootTlsDriver: FieldDriver<TlsDeviceConfig> = {
  name: 'veeder-root-tls',
  async openLine(line, devices) {
    const port = await openSerialPort(line.settings, line.binding);
    const exchange = new SerialExchange(port);
    return {
      readers: devices.map((device) => tlsReader(device, exchange)),
      isOpen: () => port.isOpen,
      close: () => closeSerialPort(port),
    };
  },
};

function tlsReader(device: TlsDeviceConfig, exchange: SerialExchange): DeviceReader {
  const mapped = Object.entries(device.tanks).map(([tank, deviceId]) => ({ tank: Number(tank), deviceId }));
  // One tank: ask for it alone (a shorter answer); several: ask for all (00) in one exchange.
  const asked = mapped.length === 1 ? mapped[0]!.tank : 0;
  const command = Buffer.from(inventoryCommand(asked, device.securityCode), 'latin1');
  return {
    label: `tls tanks ${mapped.map((m) => m.tank).join(',')}`,
    pollIntervalMs: device.pollIntervalMs,
    async read(): Promise<TankReading[]> {
      const answer = await exchange.request(command, frameEnd, device.responseTimeoutMs);
      if (!answer.ok) {
        if (answer.received.length === 0) throw new FieldReadError('no-answer', 'timeout', `no answer within ${device.responseTimeoutMs} ms`);
        throw new FieldReadError(
          'rejected-frame',
          'truncated',
          `answer cut off after ${answer.received.length} bytes (no ETX within ${device.responseTimeoutMs} ms)`,
        );
      }
      const parsed = parseInventoryReport(answer.frame.toString('latin1'), asked);
      if (!parsed.ok) throw new FieldReadError('rejected-frame', parsed.reason, parsed.detail);
      const byTank = new Map(parsed.report.tanks.map((t) => [t.tank, t]));
      const missing = mapped.filter((m) => !byTank.has(m.tank));
      if (missing.length === mapped.length)
        throw new FieldReadError('no-answer', 'tank-missing', `the console reported none of tanks ${mapped.map((m) => m.tank).join(', ')}`);
      return mapped.flatMap(({ tank, deviceId }) => {
        const record = byTank.get(tank);
        return record ? [{ deviceId, values: tankValues(record, device.units) }] : [];
      });
    },
  };
}

/** An answer runs from SOH to ETX (ETX never occurs inside: the data is ASCII hex and digits). */
function frameEnd(bytes: Buffer): number | undefined {
  const etx = bytes.indexOf(ETX.charCodeAt(0), bytes.indexOf(SOH.charCodeAt(0)) + 1);
  return etx === -1 ? undefined : etx + 1;
}
