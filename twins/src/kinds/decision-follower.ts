import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@hearth/platform';
import { followTable, logFailedRow, type Database, type Queryable, type TableCursor, type TableKey } from '@hearth/platform/db';
import { TableFollower } from '@hearth/platform/service';
import type { Logger } from 'pino';
import type { CommandRecord } from '../store/command-store';
import type { KindCore } from './twin-kind';

export interface DecisionFollowSettings {
  /** The poll behind the other service's NOTIFY. */
  pollMs: number;
  /** How far behind its cursor each run reads again (a decision that committed after a later one). */
  lookbackMs: number;
}

/** Another service's table of decisions, read as a contract (none of its code is imported, nothing there is written). */
export interface DecisionSource<Row> {
  /** Names the follower in the log of a run that failed. */
  name: string;
  /** The table: that service may migrate after this one starts, and nothing is read until it exists. */
  table: string;
  /** Where that service announces each committed batch of decisions. */
  channel: string;
  /** How far the kind has read the table, by `(time, id)`, in a cursor table of its own. */
  cursor: TableCursor;
  /** Up to `limit` decisions after `after`, in key order; those claimed already are left out by the database. */
  page(db: Queryable, after: TableKey, limit: number): Promise<Row[]>;
  keyOf(row: Row): TableKey;
}

/**
 * A claim SENDING this long was taken by an instance that stopped (or could not give it back)
 * before its command was recorded: it is abandoned, and taken again by the next run of any
 * instance. Far beyond the time a live instance takes to record a command.
 */
export const ABANDONED_CLAIM_MS = 60_000;

/**
 * The kind's claim table: a row per decision, inserted by the instance that carries it out (the
 * claim is the kind's own, in `carry`: `INSERT … ON CONFLICT DO NOTHING`, SENDING when it sends a
 * command), so several instances and the re-read window carry each decision out once. A claim
 * abandoned SENDING (`ABANDONED_CLAIM_MS`) is taken again by the same `carry`: the kind's claim
 * also wins over such a row (`ON CONFLICT … DO UPDATE … WHERE` it is SENDING and that old).
 */
export interface DecisionClaims<Row> {
  /** How a claimed decision's command ended: SENT with the command, NOT_BOUND (its device is bound to no gateway) without. */
  settle(db: Queryable, row: Row, outcome: 'SENT' | 'NOT_BOUND', commandId: string | null): Promise<void>;
  /** Gives back a claim still SENDING, whose command could not be recorded: the next run tries it again. */
  release(db: Queryable, row: Row): Promise<void>;
  /**
   * Up to `limit` decisions claimed but due again, which the look-back window has passed by: those
   * SENDING longer than `olderThanMs` (their command was never recorded), and any the kind keeps
   * due for a reason of its own (the meter's relay decisions that met NOT_BOUND, once the meter is
   * bound). Each run carries them again.
   */
  abandoned(db: Queryable, olderThanMs: number, limit: number): Promise<Row[]>;
  /** Deletes the claims older than `olderThanMs` (at most once an hour). */
  forget(db: Queryable, olderThanMs: number): Promise<void>;
  /** How long claims are kept: far beyond the look-back window, so a decision read again is still known. */
  keepMs: number;
}

/** What carrying out one decision may use. */
export interface Carrying<Kind> {
  core: KindCore;
  kind: Kind;
  /**
   * Sends the command of a decision claimed SENDING (`request`: the kind's request to the core, as its
   * service, audited) and settles the claim: SENT with the command, returned; NOT_BOUND when the
   * device is bound to no gateway, logged as `notBound` on `log`, null. Any other failure gives the
   * claim back and throws, so the next run tries again.
   */
  send(request: () => Promise<CommandRecord>, log: Logger, notBound: string): Promise<CommandRecord | null>;
}

export interface DecisionFollowerOptions<Row, Kind> {
  db: Database;
  settings: DecisionFollowSettings;
  source: DecisionSource<Row>;
  claims: DecisionClaims<Row>;
  /**
   * Carries out one decision: claims it first (a claim lost means another instance, or an earlier
   * run, has it: nothing more is done), then does what it says (`send` its command). Throwing
   * leaves it to the next run.
   */
  carry(row: Row, carrying: Carrying<Kind>): Promise<void>;
  /** A decision that could not be carried out: what is logged, with which of its fields. */
  failed: { message: string; fields(row: Row): Record<string, unknown> };
}

/**
 * Carries out another service's decisions, each once across twins instances: reads its table
 * through a durable cursor (`followTable`), woken by its NOTIFY with a poll behind it, re-reading a
 * look-back window; each decision is claimed in the kind's claim table by the instance that carries
 * it out, and its command goes through the instance holding the device's gateway (ADR 0014). Old
 * claims are forgotten once an hour. Quiet until the table exists; nothing is carried out before
 * `connect`.
 */
export class DecisionFollower<Row, Kind> {
  private readonly follower: TableFollower;
  private forgotAt = 0;
  private connected?: { core: KindCore; kind: Kind };

  constructor(private readonly options: DecisionFollowerOptions<Row, Kind>) {
    this.follower = new TableFollower({
      name: options.source.name,
      db: options.db,
      pollMs: options.settings.pollMs,
      channel: options.source.channel,
      tables: [options.source.table],
      run: () => this.run(),
    });
  }

  /** Listens before the twins are restored; nothing is carried out before `connect`. */
  start(): Promise<void> {
    return this.follower.listen();
  }

  /** The core's services, and the kind whose commands these are: from now on decisions are carried out. */
  connect(core: KindCore, kind: Kind): void {
    this.connected = { core, kind };
    void this.follower.start(core.logger);
  }

  /** Runs now, or once more right after the run under way (a notice during a run is never lost). */
  wake(): Promise<void> {
    return this.follower.wake();
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  private async run(): Promise<void> {
    const connected = this.connected;
    if (!connected) return;
    const { db, source, claims, failed } = this.options;
    await followTable<Row>(db, {
      cursor: source.cursor,
      lookbackMs: this.options.settings.lookbackMs,
      page: (after, limit) => source.page(db, after, limit),
      keyOf: (row) => source.keyOf(row),
      take: (row) => this.options.carry(row, { ...connected, send: (request, log, notBound) => this.send(row, request, log, notBound) }),
      failed: logFailedRow(connected.core.logger, failed.message, failed.fields),
    });
    await this.takeAbandoned(connected);
    if (Date.now() - this.forgotAt > 3600_000) {
      this.forgotAt = Date.now();
      await claims.forget(db, claims.keepMs);
    }
  }

  /** Decisions claimed but due again (`DecisionClaims.abandoned`): carried again, the kind's claim taking their row over. */
  private async takeAbandoned(connected: { core: KindCore; kind: Kind }): Promise<void> {
    const { db, claims, failed } = this.options;
    const rows = await claims.abandoned(db, ABANDONED_CLAIM_MS, 100);
    const logFailed = logFailedRow(connected.core.logger, failed.message, failed.fields);
    for (const row of rows) {
      connected.core.logger.warn(failed.fields(row), 'a decision claimed but not carried out: taken again');
      try {
        await this.options.carry(row, { ...connected, send: (request, log, notBound) => this.send(row, request, log, notBound) });
      } catch (err) {
        logFailed(row, err);
      }
    }
  }

  private async send(row: Row, request: () => Promise<CommandRecord>, log: Logger, notBound: string): Promise<CommandRecord | null> {
    const { db, claims } = this.options;
    try {
      const command = await request();
      await claims.settle(db, row, 'SENT', command.id);
      return command;
    } catch (err) {
      if (isNotBound(err)) {
        await claims.settle(db, row, 'NOT_BOUND', null);
        log.warn(notBound);
        return null;
      }
      await claims.release(db, row);
      throw err;
    }
  }
}

/** A service acting in a tenant (recorded on each command and audit entry as `service:<id>`). */
export const serviceCaller = (service: string, tenantId: string): CallerContext => ({
  tenantId,
  requestId: randomUUID(),
  principal: { kind: 'service', id: service },
  scopes: [],
});

/** Whether a command could not be sent because its device is bound to no gateway (a HearthError, here or from the instance holding the gateway). */
export const isNotBound = (err: unknown): boolean => (err as { extensions?: { code?: unknown } } | null)?.extensions?.code === 'DEVICE_NOT_BOUND';
