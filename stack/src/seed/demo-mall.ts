import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TopUpMethod, type CustomerServices } from '@hearth/customers';
import type { MeteringServices } from '@hearth/metering';
import type { CallerContext, Logger } from '@hearth/platform';
// The mall simulator is the edge's (its bridge and simulated meter lines); @hearth/edge does not export it yet.
import { MallSimulator, type MallMeter } from '@hearth/edge';
import type { DemoMetering } from './demo-metering';

/** Each meter reports every 30 s, carrying 15 minutes' consumption: a demo's quarter-hours in half a minute. */
export const MALL_READING_EVERY_MS = 30_000;
const LOAD_PER_READING_MS = 15 * 60_000;
/** How long the low tenant stays cut off before the demo tops it up. */
export const LOW_TENANT_TOP_UP_AFTER_MS = 150_000;
/** What the low tenant pays in: past the reconnection threshold (¥10), gone again in a few minutes. */
export const LOW_TENANT_TOP_UP_MINOR = 4_000;
/** Other tenants top up when their balance falls below this (after alarm 1 has warned them at ¥50, before alarm 2). */
const TOP_UP_BELOW_MINOR = 3_500;

export interface DemoMallOptions {
  metering: DemoMetering;
  meteringServices: MeteringServices;
  customers: CustomerServices;
  tenantId: string;
  mqttUrl: string;
  dataDir: string;
  logger: Logger;
  readingEveryMs?: number;
  /** How often the activity looks at the meters (default 10 s). */
  activityEveryMs?: number;
  lowTenantTopUpAfterMs?: number;
}

/**
 * The demo's meters live: the mall's and homes' simulated meters (`MallSimulator`: the mall
 * bridge's DL/T 645 and Modbus lines through the edge bridge, the rest over MQTT), and the tenants
 * at the counter (`MeteringActivity`). Meter state lives in `dataDir/metering/`. A mall whose serial
 * lines cannot open still runs: its line meters are then reported over MQTT by the bridge's gateway.
 */
export async function startDemoMall(options: DemoMallOptions): Promise<{ stop(): Promise<void> }[]> {
  const { metering, logger } = options;
  const meters: MallMeter[] = metering.meterDevices.map((d) => ({
    id: d.id,
    kind: d.kind,
    link: d.link,
    address: d.address,
    gatewayId: d.gatewayId,
    registerAtStart: d.registerAtStart,
    load: d.load,
  }));
  const simulate = (list: MallMeter[]) =>
    MallSimulator.start({
      url: options.mqttUrl,
      gateways: metering.meteringGateways,
      meters: list,
      readingEveryMs: options.readingEveryMs ?? MALL_READING_EVERY_MS,
      loadPerReadingMs: LOAD_PER_READING_MS,
      dir: join(options.dataDir, 'metering'),
      logger,
    });
  const simulator = await simulate(meters).catch((err: unknown) => {
    logger.warn({ err }, 'the mall bridge’s meter lines did not start; reporting those meters over MQTT');
    return simulate(meters.map((m) => ({ ...m, link: 'mqtt' })));
  });
  const activity = new MeteringActivity(options);
  activity.start();
  return [activity, simulator];
}

/**
 * The mall's tenants at the counter while the demo runs, through the customers' top-up path (the
 * ledger, audited, as a payment partner's top-up): the low tenant, once its supply is cut off, is
 * topped up ¥40 after 2½ minutes (its relay is then allowed to close, and it runs out again a few
 * minutes later: the cycle repeats); every other tenant tops up ¥500–¥2,000 when its balance falls
 * below ¥35, so only the low tenant is ever cut off.
 */
export class MeteringActivity {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** When the low tenant was first seen cut off (this run); reset by its top-up. */
  private cutOffSince?: number;
  private ticks = 0;

  constructor(private readonly options: DemoMallOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.activityEveryMs ?? 10_000);
    this.timer.unref();
  }

  /** One look now (the timer's; tests call it). A failure is logged: the demo goes on. */
  tick(now = Date.now()): Promise<void> {
    this.running ??= this.act(now)
      .catch((err: unknown) => this.options.logger.warn({ err }, 'demo metering activity failed'))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async act(now: number): Promise<void> {
    const { tenantId, metering, meteringServices, customers, logger } = this.options;
    const as: CallerContext = { tenantId, requestId: `demo-metering-${randomUUID()}`, principal: { kind: 'service', id: 'demo-activity' }, scopes: [] };
    const low = metering.lowTenant;
    const meter = (await meteringServices.meters.meters.byIds(tenantId, [low.meterId])).get(low.meterId);
    if (meter?.relayIntended === 'OPEN') {
      this.cutOffSince ??= now;
      if (now - this.cutOffSince >= (this.options.lowTenantTopUpAfterMs ?? LOW_TENANT_TOP_UP_AFTER_MS)) {
        await customers.accounts.topUp(as, {
          accountId: low.accountId,
          amountMinor: LOW_TENANT_TOP_UP_MINOR,
          idempotencyKey: randomUUID(),
          method: TopUpMethod.PARTNER,
        });
        logger.info({ meterId: low.meterId, amountMinor: LOW_TENANT_TOP_UP_MINOR }, 'demo: the cut-off tenant topped up');
        this.cutOffSince = undefined;
      }
    } else this.cutOffSince = undefined;
    // The others, once a minute.
    if (this.ticks++ % 6 !== 0) return;
    const lowOnes = await meteringServices.meters.meters.list(tenantId, { balanceBelowMinor: TOP_UP_BELOW_MINOR }, 200);
    const wallets = new Set(lowOnes.edges.map((e) => e.node.accountId).filter((a): a is string => Boolean(a) && a !== low.accountId));
    let k = 0;
    for (const accountId of wallets) {
      await customers.accounts.topUp(as, {
        accountId,
        amountMinor: (5 + (Math.floor(now / 1000 + k++) % 4) * 5) * 10_000,
        idempotencyKey: randomUUID(),
        method: k % 2 ? TopUpMethod.WECHAT_PAY : TopUpMethod.ALIPAY,
      });
    }
  }
}
