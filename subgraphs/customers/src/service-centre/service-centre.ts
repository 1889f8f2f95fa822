import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Database } from '@hearth/platform/db';
import type { PiiProtector } from '@hearth/platform/pii';
import { Periodic, TableFollower } from '@hearth/platform/service';
import { takeInAlarms } from './alarm-intake/take-in-alarms';
import { checkEscalations } from './escalation-check';
import { ServiceQueueFeed } from './queue/service-queue-feed';
import { ServiceOrderQueries } from './service-order.queries';
import { ServiceOrderService } from './service-order.service';

/** How the service centre runs (defaults in brackets). */
export interface ServiceCentreOptions {
  /** The clock of deadlines and SLA states [`new Date()`]; tests pass a fake one. */
  now?: () => Date;
  /** How often CRITICAL gas alarms are looked for [3 s]. */
  alarmScanMs?: number;
  /** How far back each look reads again, for alarms that reached the database late [24 h]. */
  alarmLookbackMs?: number;
  /** How often orders are checked for escalation [15 s]. */
  escalationCheckMs?: number;
}

/**
 * The customer service centre: service orders, their queue's subscription, and the two things it
 * does by itself, on timers it owns: opening gas-smell orders for CRITICAL detector alarms, and
 * flagging orders at risk of missing, or past, their deadlines.
 */
export class ServiceCentre {
  readonly orders: ServiceOrderService;
  readonly queries: ServiceOrderQueries;
  readonly feed: ServiceQueueFeed;
  /** Follows the twins' alarms (`run()` runs it now: tests; it also runs on its timer). */
  readonly alarmIntake: TableFollower;
  /** Runs the escalation check now (tests; it also runs on its timer). */
  readonly escalationCheck: Periodic;

  constructor(
    db: Database,
    data: DataSource,
    pii: PiiProtector,
    private readonly logger: Logger,
    options: ServiceCentreOptions = {},
  ) {
    this.orders = new ServiceOrderService(data, pii, options.now ?? (() => new Date()));
    this.queries = new ServiceOrderQueries(db, data, pii);
    this.feed = new ServiceQueueFeed(db, (tenantId, ids) => this.queries.byIds(tenantId, ids), logger);
    const intake = { lookbackMs: options.alarmLookbackMs ?? 24 * 3_600_000 };
    // No NOTIFY marks a new alarm: the poll alone finds them.
    this.alarmIntake = new TableFollower({
      name: 'gas-alarm-intake',
      db,
      pollMs: options.alarmScanMs ?? 3_000,
      run: () => takeInAlarms(db, this.orders, intake, logger),
    });
    this.escalationCheck = new Periodic('sla-escalation', options.escalationCheckMs ?? 15_000, () => checkEscalations(db, this.orders, logger), logger);
  }

  now(): Date {
    return this.orders.now();
  }

  /** Listens for committed changes, starts the timers, and catches up on alarms raised while it was down. */
  async start(): Promise<void> {
    await this.feed.start();
    this.escalationCheck.start();
    void this.alarmIntake.start(this.logger);
  }

  async stop(): Promise<void> {
    await this.alarmIntake.stop();
    await this.escalationCheck.stop();
    await this.feed.stop();
  }
}
