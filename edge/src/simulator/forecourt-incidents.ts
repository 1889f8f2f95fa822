import { between } from './forecourt-customers';

/** Something that happens now and then: every `every` ms (drawn anew each time), or never (null). */
export class Recurring {
  private nextAt: number;

  constructor(
    private readonly every: readonly [number, number] | null,
    now: number,
    private readonly random: () => number = Math.random,
  ) {
    this.nextAt = every ? now + between(every, random) : Infinity;
  }

  /** Whether it is due at `now`; it stays due until `done` re-arms it (a power cut waits for a sale to cut). */
  due(now: number): boolean {
    return now >= this.nextAt;
  }

  done(now: number): void {
    this.nextAt = this.every ? now + between(this.every, this.random) : Infinity;
  }
}

/** How often the station's customers and incidents come; every range is [shortest, longest] in ms. */
export interface ForecourtPace {
  /** Between one customer and the next at the station (default 20–60 s). */
  saleEveryMs: readonly [number, number];
  /** Between power cuts that catch a pump mid-sale (default 15–30 min; null: none). */
  powerCutEveryMs: readonly [number, number] | null;
  /** How long a pump stays dark (default 1–2 min). */
  powerOffMs: readonly [number, number];
  /** Between losses of the station's link to Hearth (default 40–80 min; null: none). */
  outageEveryMs: readonly [number, number] | null;
  /** How long the link stays down (default 3–6 min). */
  outageMs: readonly [number, number];
}

export const defaultForecourtPace: ForecourtPace = {
  saleEveryMs: [20_000, 60_000],
  powerCutEveryMs: [15 * 60_000, 30 * 60_000],
  powerOffMs: [60_000, 120_000],
  outageEveryMs: [40 * 60_000, 80 * 60_000],
  outageMs: [3 * 60_000, 6 * 60_000],
};
