import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { validateSiteConfig } from '../bridge/config/load-site-config';
import { EdgeBridge } from '../bridge/edge-bridge';
import { MqttMeterGateway, type MqttMeter } from './mall-meters';
import { startSimulatedMeterLine, type SimulatedMeterLine } from './meter-line';
import { loadKw, type LoadProfile } from './meter-load-profile';
import type { RelayState } from '../bridge/drivers/dlt645/dlt645-data';
import { SimulatedMeter } from './meter-state';

/** How a simulated meter reaches Hearth: on the bridge's DL/T 645 or Modbus RTU line, or reported over MQTT by its gateway. */
export type MallMeterLink = 'dlt645' | 'modbus' | 'mqtt';

export interface MallMeter {
  /** Its id in Hearth (`metering.meter.id`). */
  id: string;
  kind: 'ELECTRICITY' | 'GAS';
  link: MallMeterLink;
  /** DL/T 645: the 12-digit address; Modbus: the unit id ('1'…'247'); MQTT: its serial (not sent). */
  address: string;
  gatewayId: string;
  /** kWh (or m³) on the register when first started. */
  registerAtStart: number;
  /** What it draws by the local time of day (kW, or m³/h for gas). */
  load: Exclude<LoadProfile, (at: Date) => number>;
}

export interface MallSimulatorOptions {
  url: string;
  gateways: { id: string; secret: string }[];
  meters: MallMeter[];
  /** Each meter reports once in this period (the bridge polls its lines at it), ms. */
  readingEveryMs: number;
  /** The consumption each reading carries, ms of load (15 minutes: a demo's readings compress time). */
  loadPerReadingMs: number;
  /** Registers and relays are kept here across restarts (and the bridge's journal under `bridge/`). */
  dir: string;
  logger: Logger;
}

interface SavedMeter {
  registerKwh: number;
  /** A relay left allowed to close was closed by its customer meanwhile. */
  relay: RelayState;
}

/**
 * A mall's and a few homes' meters as their sites would run them. The gateway with serial lines runs
 * Hearth's edge bridge on in-process RS-485 lines (binding-mock null modems): one of DL/T 645-2007
 * prepaid meters (register, relay, relay control 1CH) and one of Modbus RTU meters (Eastron SDM120
 * register map), each polled once per reading period. Every other gateway reports its meters over
 * MQTT itself (a meter concentrator, a gas NB-IoT platform) and carries out their relay commands.
 *
 * Time is compressed in the load only: each reading carries `loadPerReadingMs` of consumption at the
 * load of the real local time of day, and is stamped with the real time (Hearth never takes a reading
 * from the future), so tariffs and billing periods follow the wall clock. A meter's relay stops its
 * consumption while open. Registers and relays are saved every 5 s and at stop in `dir/meters.json`,
 * so a restarted demo goes on from where its meters were.
 */
export class MallSimulator {
  private saver?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: MallSimulatorOptions,
    private readonly meters: Map<string, SimulatedMeter>,
    private readonly lines: SimulatedMeterLine[],
    private readonly bridge: EdgeBridge | undefined,
    private readonly gateways: MqttMeterGateway[],
  ) {}

  static async start(options: MallSimulatorOptions): Promise<MallSimulator> {
    const { logger } = options;
    await mkdir(options.dir, { recursive: true });
    const saved = await readFile(join(options.dir, 'meters.json'), 'utf8').then(
      (t) => JSON.parse(t) as Record<string, SavedMeter>,
      () => ({}) as Record<string, SavedMeter>,
    );
    const timeScale = options.loadPerReadingMs / options.readingEveryMs;
    // The load by the real clock (a line's meters run a simulated clock `timeScale` times faster).
    const spec = (m: MallMeter) => ({
      address: m.address,
      registerKwh: saved[m.id]?.registerKwh ?? m.registerAtStart,
      relay: saved[m.id]?.relay ?? 'CLOSED',
      loadProfile: () => loadKw(m.load, new Date()),
    });
    const meters = new Map<string, SimulatedMeter>();
    const lines: SimulatedMeterLine[] = [];
    let bridge: EdgeBridge | undefined;
    const gateways: MqttMeterGateway[] = [];
    try {
      for (const gateway of options.gateways) {
        const mine = options.meters.filter((m) => m.gatewayId === gateway.id);
        for (const link of ['dlt645', 'modbus'] as const) {
          const onLine = mine.filter((m) => m.link === link);
          if (onLine.length === 0) continue;
          const line = await startSimulatedMeterLine({
            protocol: link,
            portName: `rs485-${link}`,
            meters: onLine.map((m) => ({ ...spec(m), deviceId: m.id })),
            pollIntervalMs: options.readingEveryMs,
            responseTimeoutMs: 1_000,
            timeScale,
            buttonPressMs: [3_000, 8_000],
          });
          lines.push(line);
          for (const m of onLine) meters.set(m.id, line.meter(m.address));
        }
        const wired = lines.filter((l) => l.site.devices.some((d) => mine.some((m) => m.id === d.deviceId)));
        if (wired.length > 0) {
          if (bridge) throw new Error('the mall simulator runs one bridge: give serial meters to one gateway');
          const config = validateSiteConfig({
            gatewayId: gateway.id,
            secret: gateway.secret,
            broker: { url: options.url },
            buffer: { dir: join(options.dir, 'bridge'), fsync: 'never' },
            status: { logIntervalSeconds: 0 },
            ports: Object.assign({}, ...wired.map((l) => l.site.ports)) as Record<string, unknown>,
            modbusModels: Object.assign({}, ...wired.map((l) => l.site.modbusModels)) as Record<string, unknown>,
            devices: wired.flatMap((l) => l.site.devices),
          });
          bridge = await EdgeBridge.start({ config, logger, binding: wired[0]!.binding });
        }
        const reported: MqttMeter[] = mine
          .filter((m) => m.link === 'mqtt')
          .map((m) => {
            const meter = new SimulatedMeter(spec(m), () => 0.9 + 0.2 * Math.random());
            meters.set(m.id, meter);
            return { id: m.id, kind: m.kind, meter };
          });
        if (reported.length > 0) {
          gateways.push(
            new MqttMeterGateway({
              url: options.url,
              gatewayId: gateway.id,
              secret: gateway.secret,
              meters: reported,
              readingEveryMs: options.readingEveryMs,
              timeScale,
              buttonPressMs: [3_000, 8_000],
              logger,
            }),
          );
        }
      }
    } catch (err) {
      await bridge?.stop(1_000);
      for (const line of lines) await line.close();
      throw err;
    }
    const simulator = new MallSimulator(options, meters, lines, bridge, gateways);
    for (const gateway of gateways) gateway.start();
    simulator.saver = setInterval(() => void simulator.save(), 5_000);
    return simulator;
  }

  /** A meter by its id in Hearth (its register, its relay). */
  meter(id: string): SimulatedMeter | undefined {
    return this.meters.get(id);
  }

  async stop(): Promise<void> {
    clearInterval(this.saver);
    await Promise.all(this.gateways.map((g) => g.stop()));
    await this.bridge?.stop(1_000);
    for (const line of this.lines) await line.close();
    await this.save();
  }

  /** Registers and relays to `dir/meters.json` (written aside, then renamed: a crash leaves the last whole file). */
  private save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const state: Record<string, SavedMeter> = {};
      for (const [id, meter] of this.meters) state[id] = { registerKwh: meter.registerKwh, relay: meter.relay === 'OPEN' ? 'OPEN' : 'CLOSED' };
      const file = join(this.options.dir, 'meters.json');
      try {
        await writeFile(`${file}.tmp`, JSON.stringify(state));
        await rename(`${file}.tmp`, file);
      } catch (err) {
        this.options.logger.warn({ err }, 'the simulated meters could not be saved');
      }
    });
    return this.saving;
  }
}
