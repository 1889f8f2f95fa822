import type { Logger } from 'pino';
import { followTable, TableCursor, type Database, type TableKey } from '@hearth/platform/db';
import { chargeReadings, type ChargeSettings, type RegisterInput, type TariffVersionsLoader } from './charge-readings';
import { METER_READING_TABLE, readingsAfter, type MeterReading } from './meter-readings.store';

/** How far the intake has read twins.meter_reading, by its unique key (received_at, id) (migration 0003 starts it at the beginning, 0006 keys it by id). */
export const readingCursor = new TableCursor('metering.reading_cursor', METER_READING_TABLE, { at: 'received_at', id: 'reading_id', idType: 'bigint' });

export interface ReadingIntakeSettings extends ChargeSettings {
  /**
   * How far behind the cursor each run reads again: `received_at` is the twins' transaction time,
   * so a batch committing after a later one sorts before rows already read. Readings judged before
   * are left out by the database.
   */
  lookbackMs: number;
  /** Readings charged in one transaction. */
  batchSize: number;
}

/** How far behind the intake's cursor the sweep looks for readings passed over: two of the meters' 15-minute rounds. */
export const DEFAULT_SWEEP_WINDOW_MS = 1_800_000;

export const DEFAULT_READING_INTAKE: Omit<ReadingIntakeSettings, keyof ChargeSettings> = { lookbackMs: 5_000, batchSize: 500 };

const toInput = (r: MeterReading): RegisterInput => ({ ...r, readingId: r.id, source: 'READING' });

/**
 * Meters' readings taken in and charged: a page of readings in one transaction (each meter's
 * billing row and each wallet locked once), which is what lets 100,000 meters at 15 minutes be
 * charged as they arrive. A page that fails is charged again meter by meter, so one meter's bad
 * reading holds up that meter only (the cursor stops before it: it is tried again next run).
 */
export class ReadingIntake {
  constructor(
    private readonly db: Database,
    private readonly settings: ReadingIntakeSettings,
    private readonly versionsOf: TariffVersionsLoader,
    private readonly logger: Logger,
  ) {}

  /** One run behind the cursor; returns how many readings were read. */
  run(): Promise<number> {
    const failed = new Set<string>();
    return followTable(this.db, {
      cursor: readingCursor,
      lookbackMs: this.settings.lookbackMs,
      pageSize: this.settings.batchSize,
      page: async (after, limit) => {
        const page = await readingsAfter(this.db, after, limit);
        for (const id of await this.charge(page)) failed.add(id);
        return page;
      },
      keyOf: (r): TableKey => [r.receivedKey, r.id],
      // Charged with its page: a reading whose meter failed stops the cursor before it.
      take: (r) => (failed.has(r.id) ? Promise.reject(new Error(`reading ${r.id} of meter ${r.meterId} was not charged`)) : Promise.resolve()),
      failed: () => undefined,
    });
  }

  /**
   * The safety net under the cursor: readings received in a window behind it (`windowMs`, from the
   * cursor back) not judged yet (a twins batch that committed later than the look-back window behind
   * a newer one). Readings judged before are left out by the database (an anti-join with the
   * charges), so it reads the index of the window, and charges only the readings passed over; ones
   * past the cursor are the intake's. Judging is once per (meter, observed_at), so a reading both
   * find is charged once. Returns how many it charged.
   */
  async sweep(windowMs = DEFAULT_SWEEP_WINDOW_MS): Promise<number> {
    const [cursorAt] = await readingCursor.read(this.db);
    const until = Date.parse(cursorAt);
    let after: TableKey = [new Date(until - windowMs).toISOString(), readingCursor.firstId];
    let swept = 0;
    for (;;) {
      const page = (await readingsAfter(this.db, after, this.settings.batchSize)).filter((r) => r.receivedAt.getTime() <= until);
      await this.charge(page);
      swept += page.length;
      const last = page.at(-1);
      if (!last || page.length < this.settings.batchSize) break;
      after = [last.receivedKey, last.id];
    }
    if (swept > 0) this.logger.warn({ swept }, 'readings the intake had passed over were charged');
    return swept;
  }

  /** Charges a page; returns the ids of readings that could not be charged. */
  private async charge(page: MeterReading[]): Promise<string[]> {
    if (page.length === 0) return [];
    try {
      await this.db.transaction((tx) => chargeReadings(tx, page.map(toInput), this.settings, this.versionsOf));
      return [];
    } catch (err) {
      this.logger.warn({ err, readings: page.length }, 'a batch of readings could not be charged together; charging meter by meter');
    }
    const byMeter = new Map<string, MeterReading[]>();
    for (const r of page) byMeter.set(r.meterId, [...(byMeter.get(r.meterId) ?? []), r]);
    const failed: string[] = [];
    for (const [meterId, readings] of byMeter) {
      try {
        await this.db.transaction((tx) => chargeReadings(tx, readings.map(toInput), this.settings, this.versionsOf));
      } catch (err) {
        this.logger.error({ err, tenantId: readings[0]!.tenantId, deviceId: meterId }, 'readings of a meter could not be charged; retrying next run');
        failed.push(...readings.map((r) => r.id));
      }
    }
    return failed;
  }
}
