import { join } from 'node:path';
import type { Logger } from 'pino';
import { validateSiteConfig } from '../bridge/config/load-site-config';
import { dartStatus } from '../bridge/drivers/wayne-dart/ifsf-state';
import { EdgeBridge } from '../bridge/edge-bridge';
import { createMockNullModem, mockNullModemBinding } from '../serial/mock-null-modem';
import { settings8N1 } from '../serial/open-serial-port';
import { DartCustomers } from './forecourt-dart-customers';
import { DartGauge, type DartGaugeOptions } from './forecourt-dart-gauge';
import type { CustomerMixOptions, ForecourtCard } from './forecourt-customers';
import type { ForecourtPace } from './forecourt-incidents';
import { DartTotals } from './forecourt-dart-totals';
import { DartPumpSimulator } from './serial/dart-pump-simulator';
import type { SimulatedFuelPump } from './forecourt';

export interface DartForecourtOptions {
  url: string;
  gatewayId: string;
  secret: string;
  pumps: SimulatedFuelPump[];
  cards: ForecourtCard[];
  /** Grade → fen per litre the pumps are programmed with. */
  prices: Record<string, number>;
  /** The bridge's journal, seq and pump ledgers, and the pumps' totalisers, live here across restarts. */
  dir: string;
  pace?: Partial<Pick<ForecourtPace, 'saleEveryMs' | 'powerCutEveryMs' | 'powerOffMs'>>;
  mix?: CustomerMixOptions;
  /** The station's underground tanks, gauged by a TLS console the bridge polls (none: no gauge). */
  tanks?: DartGaugeOptions['tanks'];
  gauge?: Pick<DartGaugeOptions, 'pollIntervalMs' | 'pace'>;
  /** The pumps' flow (default 80 L/min: a demo sale within about 30 s). */
  litresPerMinute?: number;
  logger: Logger;
}

/**
 * A station whose pumps speak Wayne DART, as a site would run them: one simulated pump per RS-485
 * line (binding-mock null modems, in process), Hearth's edge bridge as the forecourt controller
 * (its wayne-dart driver, configured as a site file would be), and customers at the pumps. The
 * bridge does the card reads, AUTHORIZE, telemetry, TRANSACTIONs and its own journal across broker
 * outages; the customers only lift nozzles with their cards and hang up. With tanks, a Veeder-Root
 * TLS console on a line of its own gauges them, and the bridge polls it as a site file says.
 */
export class DartForecourt {
  private constructor(
    readonly bridge: EdgeBridge,
    private readonly pumps: Map<string, DartPumpSimulator>,
    private readonly customers: DartCustomers,
    private readonly totals: DartTotals,
    readonly gauge?: DartGauge,
  ) {}

  static async start(options: DartForecourtOptions): Promise<DartForecourt> {
    const totals = DartTotals.open(join(options.dir, 'totalisers.json'), options.pumps);
    const pumps = new Map<string, DartPumpSimulator>();
    const ports: Record<string, { path: string; baudRate: number }> = {};
    const devices: Record<string, unknown>[] = [];
    const binding = mockNullModemBinding;
    for (const [i, pump] of options.pumps.entries()) {
      const line = createMockNullModem();
      const address = 0x50 + i;
      const nozzles = pump.nozzles.map((n) => ({
        nozzle: n.number,
        grade: n.gradeCode,
        unitPriceMinor: options.prices[n.gradeCode] ?? 0,
        totalCl: totals.of(pump.id, n.number),
      }));
      pumps.set(
        pump.id,
        await DartPumpSimulator.start({ line: settings8N1(line.paths[1]), binding, address, nozzles, litresPerMinute: options.litresPerMinute ?? 80 }),
      );
      ports[`line-${i + 1}`] = { path: line.paths[0], baudRate: 9600 };
      devices.push({
        driver: 'wayne-dart',
        port: `line-${i + 1}`,
        address,
        deviceId: pump.id,
        nozzles: Object.fromEntries(pump.nozzles.map((n) => [String(n.number), n.gradeCode])),
        pollIntervalMs: 100,
      });
    }
    const gauge = options.tanks?.length
      ? await DartGauge.start({ ...options.gauge, tanks: options.tanks, pumps: options.pumps, dir: options.dir, logger: options.logger }, pumps)
      : undefined;
    if (gauge) {
      ports.tls = gauge.site.port;
      devices.push(gauge.site.device);
    }
    const config = validateSiteConfig({
      gatewayId: options.gatewayId,
      secret: options.secret,
      broker: { url: options.url },
      buffer: { dir: join(options.dir, 'bridge'), fsync: 'never' },
      status: { logIntervalSeconds: 0 },
      ports,
      devices,
    });
    const bridge = await EdgeBridge.start({ config, logger: options.logger, binding });
    const customers = new DartCustomers(pumps, { ...options, logger: options.logger });
    customers.start();
    return new DartForecourt(bridge, pumps, customers, totals.follow(pumps), gauge);
  }

  async stop(): Promise<void> {
    this.customers.stop();
    // Customers hang up; the bridge reports the sales that ends (briefly), so none is left half-counted on the totalisers.
    for (const pump of this.pumps.values()) if (pump.dispenser.nozzleOut) pump.hangUpNozzle();
    const settled = () => [...this.pumps.values()].every((p) => !p.dispenser.powered || p.dispenser.status === dartStatus.reset);
    for (let waited = 0; !settled() && waited < 2_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    this.totals.stop();
    await this.bridge.stop(1_000);
    await Promise.all([...this.pumps.values()].map((p) => p.stop()));
    await this.gauge?.stop();
  }
}
