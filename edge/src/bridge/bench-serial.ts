import { createLogger } from '@hearth/platform';
import { settings8N1, type SerialSettings } from '../serial/open-serial-port';
import { startPtyPair } from '../serial/pty-pair';
import { demoGaugeModel } from '../simulator/serial/demo-gauge-model';
import { wireMillis } from '../simulator/serial/line-timing';
import { ModbusGaugeSimulator } from '../simulator/serial/modbus-gauge-simulator';
import { TlsConsoleSimulator } from '../simulator/serial/tls-console-simulator';
import type { DeviceConfig } from './config/site-config.schema';
import { openLine } from './drivers/open-line';

// Readings per second one serial port gives the bridge, per driver, at 9,600 and 115,200 baud, over a
// socat pty pair with the simulators (npm run -w edge bench-serial [-- seconds]). Two figures each:
// "pty" with the simulator answering at once (a pty ignores the baud rate: this is the bridge's own
// ceiling), and "line" with the simulator answering only after the exchange would have crossed a real
// line at that rate (the figure for a site), next to the bound the wire itself sets.
const seconds = Number(process.argv[2] ?? 3);
const logger = createLogger('bench-serial', 'silent');

interface Case {
  name: string;
  /** Characters on the wire per transaction (request + answer + protocol silences). */
  wireChars: number;
  readingsPerTransaction: number;
  start(line: SerialSettings, paced: boolean): Promise<{ stop(): Promise<void> }>;
  device(path: string): DeviceConfig;
}

const tlsTanks = (n: number) => Array.from({ length: n }, (_, i) => ({ tank: i + 1, heightMm: 1200 + i, waterMm: 5, temperatureC: 15 }));
const tlsCase = (tanks: number): Case => ({
  name: `veeder-root-tls, ${tanks} tank${tanks > 1 ? 's' : ''} (i201${tanks > 1 ? '00' : '01'})`,
  // <SOH>i201TT, then <SOH>i201TT YYMMDDHHmm + 65 per tank + &&CCCC<ETX>.
  wireChars: 7 + 17 + 65 * tanks + 7,
  readingsPerTransaction: tanks,
  start: (line, paced) => TlsConsoleSimulator.start({ line, units: { length: 'mm', temperature: 'C' }, tanks: tlsTanks(tanks), paceToBaudRate: paced }),
  device: (path) => ({
    driver: 'veeder-root-tls',
    port: path,
    units: { length: 'mm', temperature: 'C' },
    tanks: Object.fromEntries(tlsTanks(tanks).map((t) => [String(t.tank), `tank-${t.tank}`])),
    pollIntervalMs: 500,
    responseTimeoutMs: 2_000,
  }),
});

const cases: Case[] = [
  {
    name: 'modbus-rtu, 6 registers (function 3)',
    // Request 8 bytes, answer 5 + 12, and 3.5 characters of silence before each frame (RTU framing).
    wireChars: 8 + 17 + 7,
    readingsPerTransaction: 1,
    start: (line, paced) =>
      ModbusGaugeSimulator.start({ line, model: demoGaugeModel, gauges: { 1: { levelMm: 1834.2, temperatureC: 14.5 } }, paceToBaudRate: paced }),
    device: (path) => ({ driver: 'modbus-rtu', port: path, unitId: 1, model: 'demo', deviceId: 'tank-1', pollIntervalMs: 100, responseTimeoutMs: 1_000 }),
  },
  tlsCase(1),
  tlsCase(4),
];

async function measure(c: Case, baudRate: number, paced: boolean): Promise<number> {
  const pair = await startPtyPair();
  const device = await c.start(settings8N1(pair.paths[1], baudRate), paced);
  const line = await openLine({ name: 'bench', settings: settings8N1(pair.paths[0], baudRate), logger }, [c.device(pair.paths[0])], { demo: demoGaugeModel });
  const reader = line.readers[0]!;
  let readings = 0;
  const until = performance.now() + seconds * 1_000;
  const started = performance.now();
  while (performance.now() < until) readings += (await reader.read()).length;
  const rate = readings / ((performance.now() - started) / 1_000);
  await line.close();
  await device.stop();
  await pair.close();
  return rate;
}

const rows: string[][] = [['driver', 'baud', 'pty (bridge ceiling)', 'line-paced', 'wire bound']];
for (const c of cases) {
  for (const baudRate of [9_600, 115_200]) {
    const bound = (1_000 / wireMillis(c.wireChars, settings8N1('', baudRate))) * c.readingsPerTransaction;
    const raw = await measure(c, baudRate, false);
    const paced = await measure(c, baudRate, true);
    rows.push([c.name, baudRate.toLocaleString('en'), fmt(raw), fmt(paced), fmt(bound)]);
  }
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
process.stdout.write(`Readings per second per serial port, ${seconds} s per figure, 8N1 (10 bits per character), one device polled back to back\n\n`);
for (const [i, row] of rows.entries()) {
  process.stdout.write(`| ${row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join(' | ')} |\n`);
  if (i === 0) process.stdout.write(`| ${widths.map((w, j) => (j === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |\n`);
}

function fmt(perSecond: number): string {
  return perSecond >= 100 ? Math.round(perSecond).toLocaleString('en') : perSecond.toFixed(1);
}
