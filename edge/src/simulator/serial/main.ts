import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '@hearth/platform';
import { stringify } from 'yaml';
import { startPtyPair } from '../../serial/pty-pair';
import { stepLevel, temperatureAt, vapourPressureKPa, type SimulatedTank, type TankMotion, type TankScenario } from '../tank-scenarios';
import { demoGaugeModel } from './demo-gauge-model';
import { ModbusGaugeSimulator } from './modbus-gauge-simulator';
import { TlsConsoleSimulator } from './tls-console-simulator';
import { settings8N1 } from '../../serial/open-serial-port';

// npm run -w edge simulate-serial [-- --demo .hearth/demo.json --broker mqtt://127.0.0.1:1883 --baud 9600]
// Field devices on two socat pseudo-terminal pairs: a Modbus RS-485 line with two tank gauges and a
// TLS-350 console with four tanks. With the demo company's demo.json it writes a ready site file for
// the bridge; the six demo tanks then move as the MQTT simulator moves them.
const { values: args } = parseArgs({
  options: {
    demo: { type: 'string', default: join(process.env.HEARTH_DATA_DIR ?? '.hearth', 'demo.json') },
    broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
    baud: { type: 'string', default: '9600' },
    site: { type: 'string' },
  },
});
const here = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);
const logger = createLogger('serial-simulator', 'info');
const say = (text: string) => process.stdout.write(`${text}\n`);

interface DemoTank {
  id: string;
  name: string;
  scenario: TankScenario;
  heightMm: number;
  highHighMm: number;
}
const demoFile = here(args.demo);
const demo = existsSync(demoFile) ? (JSON.parse(await readFile(demoFile, 'utf8')) as { gateway: { id: string; secret: string }; tanks: DemoTank[] }) : null;
const tanks: DemoTank[] =
  demo?.tanks ??
  Array.from({ length: 6 }, (_, i) => ({ id: `tank-${i + 1}`, name: `Tank ${i + 1}`, scenario: 'steady' as const, heightMm: 2500, highHighMm: 2200 }));

const baudRate = Number(args.baud);
const [modbusPair, tlsPair] = [await startPtyPair(), await startPtyPair()];
const gauges = tanks.slice(0, 2);
const consoleTanks = tanks.slice(2, 6);
const gaugeSim = await ModbusGaugeSimulator.start({
  line: settings8N1(modbusPair.paths[1], baudRate),
  model: demoGaugeModel,
  gauges: {},
  paceToBaudRate: true,
});
const tlsSim = await TlsConsoleSimulator.start({
  line: settings8N1(tlsPair.paths[1], baudRate),
  units: { length: 'in', temperature: 'F' },
  tanks: [],
  paceToBaudRate: true,
});

// The tanks move as the MQTT simulator moves them (tank-scenarios.ts), one step a second.
const simulated: SimulatedTank[] = tanks.map((t) => ({ id: t.id, scenario: t.scenario, heightMm: t.heightMm, highHighMm: t.highHighMm, start: 0.5 }));
const motion = new Map<string, TankMotion>(simulated.map((t) => [t.id, { levelMm: t.start * t.heightMm, phase: 0 }]));
const startedAt = Date.now();
const tick = () => {
  const now = new Date();
  const temperatureC = Math.round(temperatureAt(now) * 10) / 10;
  simulated.forEach((tank, i) => {
    const m = stepLevel(tank, motion.get(tank.id)!, (now.getTime() - startedAt) / 1000, 1);
    motion.set(tank.id, m);
    const levelMm = Math.round(m.levelMm * 10) / 10;
    if (i < 2) gaugeSim.setValues(i + 1, { levelMm, temperatureC, pressureKPa: Math.round(vapourPressureKPa(temperatureC) * 10) / 10, waterLevelMm: 0 });
    else tlsSim.setTank({ tank: i - 1, heightMm: levelMm, waterMm: 3, temperatureC });
  });
};
tick();
const timer = setInterval(tick, 1_000);

const site = {
  gatewayId: demo?.gateway.id ?? 'demo-gw-1',
  secret: demo?.gateway.secret ?? 'the-gateway-secret',
  broker: { url: args.broker },
  buffer: { dir: 'bridge-buffer' },
  status: { port: 9464 },
  ports: {
    'rs485-gauges': { path: modbusPair.paths[0], baudRate },
    'tls-console': { path: tlsPair.paths[0], baudRate },
  },
  modbusModels: { 'hearth-demo-gauge': demoGaugeModel },
  devices: [
    ...gauges.map((t, i) => ({ driver: 'modbus-rtu', port: 'rs485-gauges', unitId: i + 1, model: 'hearth-demo-gauge', deviceId: t.id, pollIntervalMs: 2000 })),
    {
      driver: 'veeder-root-tls',
      port: 'tls-console',
      units: { length: 'in', temperature: 'F' },
      tanks: Object.fromEntries(consoleTanks.map((t, i) => [i + 1, t.id])),
      pollIntervalMs: 2000,
    },
  ],
};
const siteFile = here(args.site ?? join(demo ? join(demoFile, '..') : '.', 'bridge-site.yaml'));
await writeFile(siteFile, stringify(site), { mode: 0o600 });

say(`Simulated field devices at ${baudRate} baud (answers paced to the line rate):`);
say(`  Modbus RTU line ${modbusPair.paths[0]}  units 1-2: ${gauges.map((t) => t.name).join(', ')}`);
say(`  TLS-350 console ${tlsPair.paths[0]}  tanks 1-4: ${consoleTanks.map((t) => t.name).join(', ')}`);
say(`Site file for the bridge: ${siteFile}${demo ? '' : `  (no ${demoFile}: fill in the gateway secret and tank ids)`}`);
say(`Run the bridge:  npm run -w edge bridge -- ${siteFile}`);

const shutdown = async () => {
  clearInterval(timer);
  logger.info({ modbusAnswers: gaugeSim.answered, tlsAnswers: tlsSim.answered }, 'serial simulator stopping');
  await gaugeSim.stop();
  await tlsSim.stop();
  await modbusPair.close();
  await tlsPair.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
