import type { Database } from '@hearth/platform/db';
import type { Logger } from '@hearth/platform';

const COUNTERS = ['operations', 'events', 'rejected'] as const;
type Counter = (typeof COUNTERS)[number];

interface KeyDay {
  day: string;
  /** Operations + events stored before this instance started counting today (null until read). */
  stored: number | null;
  loading?: Promise<void>;
  pending: Record<Counter, number>;
  /** Operations + events counted here today, flushed or not. */
  counted: number;
  used: boolean;
}

const utcDay = (now: number) => new Date(now).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

/**
 * Usage per API key and UTC day: operations, subscription events and rejections. Counted in
 * memory on the hot path and added to `identity.api_key_usage` every few seconds (additive
 * upserts, so several gateway instances add up). The quota compares the day's total, as
 * stored when first needed plus what this instance counted since, with the key's daily quota.
 */
export class UsageMeter {
  private readonly days = new Map<string, KeyDay>();
  /** Days a key's counting moved on from with counts not yet written. */
  private ended: [string, KeyDay][] = [];
  /** The UTC day last counted in and where it starts and ends: named once a day, not per operation. */
  private today = { day: '', from: 0, to: 0 };
  private timer?: NodeJS.Timeout;
  private flushing = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly flushEveryMs = 2000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private dayOf(now: number): string {
    if (now < this.today.from || now >= this.today.to) {
      const from = now - (now % DAY_MS);
      this.today = { day: utcDay(now), from, to: from + DAY_MS };
    }
    return this.today.day;
  }

  private entry(keyId: string, now: number): KeyDay {
    const day = this.dayOf(now);
    let entry = this.days.get(keyId);
    if (!entry || entry.day !== day) {
      // A new day starts from zero; yesterday's unflushed counts are written by the next flush.
      if (entry?.used) this.ended.push([keyId, entry]);
      entry = { day, stored: null, pending: { operations: 0, events: 0, rejected: 0 }, counted: 0, used: false };
      this.days.set(keyId, entry);
    }
    return entry;
  }

  count(keyId: string, counter: Counter, n = 1, now = Date.now()): void {
    const entry = this.entry(keyId, now);
    entry.pending[counter] += n;
    entry.used = true;
    if (counter !== 'rejected') entry.counted += n;
  }

  /** Operations + events of the key today, across instances as of the last read. */
  async usedToday(keyId: string, now = Date.now()): Promise<number> {
    const entry = this.entry(keyId, now);
    if (entry.stored === null) {
      entry.loading ??= this.db
        .query<{ used: string }>('SELECT coalesce(sum(operations + events), 0)::text AS used FROM identity.api_key_usage WHERE key_id = $1 AND day = $2', [
          keyId,
          entry.day,
        ])
        .then(([row]) => {
          // Counts flushed while reading are in the stored total already.
          entry.stored = Number(row?.used ?? 0) - (entry.counted - pendingUsage(entry));
        });
      await entry.loading;
    }
    return (entry.stored ?? 0) + entry.counted;
  }

  /** The usage a synchronous check can see (events on live subscriptions); undefined before the first read. */
  usedTodaySync(keyId: string, now = Date.now()): number | undefined {
    const entry = this.entry(keyId, now);
    return entry.stored === null ? undefined : entry.stored + entry.counted;
  }

  flush(): Promise<void> {
    this.flushing = this.flushing
      .then(() => this.write())
      .catch((err: unknown) => this.logger.warn({ err }, 'API key usage could not be written; kept for the next flush'));
    return this.flushing;
  }

  private async write(): Promise<void> {
    const batch = [...this.days, ...this.ended].filter(([, entry]) => entry.used).map(([keyId, entry]) => ({ keyId, entry, counts: { ...entry.pending } }));
    if (batch.length === 0) return;
    const rows = new Map<string, { keyId: string; day: string; counts: Record<Counter, number> }>();
    for (const { keyId, entry, counts } of batch) {
      const row = rows.get(`${keyId} ${entry.day}`) ?? { keyId, day: entry.day, counts: { operations: 0, events: 0, rejected: 0 } };
      for (const counter of COUNTERS) row.counts[counter] += counts[counter];
      rows.set(`${keyId} ${entry.day}`, row);
    }
    const values = [...rows.values()];
    // Two statements per flush however many keys were busy: the embedded database runs one
    // statement at a time for every service, so a statement per key would queue their reads.
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO identity.api_key_usage AS u (key_id, day, operations, events, rejected)
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::bigint[], $4::bigint[], $5::bigint[])
         ON CONFLICT (key_id, day) DO UPDATE
           SET operations = u.operations + EXCLUDED.operations, events = u.events + EXCLUDED.events, rejected = u.rejected + EXCLUDED.rejected`,
        [values.map((v) => v.keyId), values.map((v) => v.day), ...COUNTERS.map((counter) => values.map((v) => v.counts[counter]))],
      );
      await tx.query('UPDATE identity.api_key SET last_used_at = now() WHERE id = ANY($1::uuid[])', [[...new Set(values.map((v) => v.keyId))]]);
    });
    for (const { counts, entry } of batch) {
      for (const counter of COUNTERS) entry.pending[counter] -= counts[counter];
      entry.used = entry.pending.operations + entry.pending.events + entry.pending.rejected > 0;
    }
    this.ended = this.ended.filter(([, entry]) => entry.used);
  }
}

const pendingUsage = (entry: KeyDay) => entry.pending.operations + entry.pending.events;

export interface UsageDay {
  day: string;
  operations: number;
  events: number;
  rejected: number;
}

export async function usageOf(db: Database, keyId: string, days: number, now = Date.now()): Promise<UsageDay[]> {
  const from = utcDay(now - (days - 1) * DAY_MS);
  const rows = await db.query<{ day: string; operations: string; events: string; rejected: string }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, operations::text, events::text, rejected::text FROM identity.api_key_usage
      WHERE key_id = $1 AND day >= $2 ORDER BY day`,
    [keyId, from],
  );
  return rows.map((r) => ({ day: r.day, operations: Number(r.operations), events: Number(r.events), rejected: Number(r.rejected) }));
}
