import { volumeAtLevel, type StrappingPoint } from '@hearth/platform/domain';
import { between } from './forecourt-customers';

/** An underground tank as the forecourt's automatic tank gauge (ATG) sees it. */
export interface SimulatedFuelTank {
  id: string;
  /** The grade its nozzles sell: every nozzle of that grade at the station draws from it. */
  gradeCode: string;
  /** The tank's strapping table, the same Hearth holds: the gauge's level and Hearth's volume agree. */
  points: readonly StrappingPoint[];
}

/** What a gauge keeps of a tank across restarts. */
export interface TankGaugeState {
  /** Litres in the tank (observed, not corrected to 15 °C: the pumps sell observed litres too). */
  volumeL: number;
  /** A road tanker ordered: when it starts dropping and the litres it still has to drop. */
  delivery?: { startsAt: number; litres: number };
  /** Fuel still to go unaccounted for (a leak or theft) and how fast. */
  leak?: { litres: number; litresPerMinute: number };
  lastReadAt?: number;
}

export interface GaugePace {
  /**
   * The probe's noise, ± mm (default 0.5). API MPMS ch. 3.1B sets an ATG's accuracy, but what a
   * reconciliation feels is repeatability: it subtracts two readings of one probe. At half height
   * 1 mm is about 15 L of this tank while the day's report allows 20 L + 0.5 %, so a noise of
   * "a few mm" would make every quiet day a variance.
   */
  noiseMm: number;
  /** A tanker is ordered when the tank falls below this share of its capacity (default 0.25)… */
  orderBelow: number;
  /** …comes after this long (default 5–15 min)… */
  tankerAfterMs: readonly [number, number];
  /** …and fills it to about this share, in whole thousands of litres (compartments; default 0.85, under the 95 % overfill valve). */
  fillTo: number;
  /** A gravity drop (default 1 500 L/min: a delivery of several thousand litres in a few minutes). */
  dropLitresPerMinute: number;
  /** Between two losses unaccounted for at the station (default 3–6 h; null: none). */
  leakEveryMs: readonly [number, number] | null;
  /** How much one loses (default 60–150 L) and how slowly (default 1 L/min: a slow extra drop, not a jump). */
  leakLitres: readonly [number, number];
  leakLitresPerMinute: number;
}

export const defaultGaugePace: GaugePace = {
  noiseMm: 0.5,
  orderBelow: 0.25,
  tankerAfterMs: [5 * 60_000, 15 * 60_000],
  fillTo: 0.85,
  dropLitresPerMinute: 1_500,
  leakEveryMs: [3 * 3_600_000, 6 * 3_600_000],
  leakLitres: [60, 150],
  leakLitresPerMinute: 1,
};

/**
 * Each step of a drop between two readings brings at least this much: the wet-stock report counts
 * a rise of more than 50 L between consecutive readings as delivered, so a step smaller than the
 * sales and noise around it would be missed (and the drop seen as a gain).
 */
const minDropStepL = 200;

export const capacityOf = (tank: SimulatedFuelTank): number => tank.points.at(-1)!.volumeLiters;

/** The level at which the table holds `litres`: the exact inverse of Hearth's linear interpolation between points. */
export function levelAtVolume(points: readonly StrappingPoint[], litres: number): number {
  const i = points.findIndex((p) => p.volumeLiters >= litres);
  if (i <= 0) return i === 0 ? points[0]!.levelMm : points.at(-1)!.levelMm;
  const [a, b] = [points[i - 1]!, points[i]!];
  return a.levelMm + ((litres - a.volumeLiters) / (b.volumeLiters - a.volumeLiters)) * (b.levelMm - a.levelMm);
}

/** The litres at a level (what Hearth computes from a reading). */
export const volumeAt = (points: readonly StrappingPoint[], levelMm: number): number => volumeAtLevel(points, levelMm).volumeLiters;

/** One ATG reading, in the tank telemetry contract's units. */
export interface GaugeReading {
  levelMm: number;
  temperatureC: number;
}

/**
 * One tank under its gauge: the nozzles draw from it, a tanker refills it once it runs low, a
 * leak takes fuel nobody sold, and the probe reads its level with a little noise. Pure: time and
 * chance come in as arguments, the state goes out as data.
 */
export class TankGauge {
  constructor(
    readonly tank: SimulatedFuelTank,
    readonly state: TankGaugeState,
    private readonly pace: GaugePace,
    private readonly random: () => number,
  ) {}

  /** The nozzles sold `litres` from this tank. */
  draw(litres: number): void {
    this.state.volumeL = Math.max(0, this.state.volumeL - litres);
  }

  /** Starts a loss unaccounted for (nothing when one is under way). */
  startLeak(): boolean {
    if (this.state.leak) return false;
    this.state.leak = { litres: between(this.pace.leakLitres, this.random), litresPerMinute: this.pace.leakLitresPerMinute };
    return true;
  }

  /** The gauge reads the tank at `now`: what leaked and was dropped since the last reading, then the level. */
  read(now: number): GaugeReading {
    const s = this.state;
    const since = s.lastReadAt ?? now;
    s.lastReadAt = now;
    if (s.leak) {
      const lost = Math.min(s.leak.litres, (s.leak.litresPerMinute * (now - since)) / 60_000);
      this.draw(lost);
      s.leak.litres -= lost;
      if (s.leak.litres <= 0.001) delete s.leak;
    }
    const capacity = capacityOf(this.tank);
    if (s.delivery && now >= s.delivery.startsAt) {
      const flowed = (this.pace.dropLitresPerMinute * (now - Math.max(since, s.delivery.startsAt))) / 60_000;
      let step = Math.min(s.delivery.litres, Math.max(minDropStepL, flowed));
      if (s.delivery.litres - step < minDropStepL) step = s.delivery.litres;
      s.volumeL = Math.min(capacity, s.volumeL + step);
      s.delivery.litres -= step;
      if (s.delivery.litres <= 0) delete s.delivery;
    } else if (!s.delivery && s.volumeL < this.pace.orderBelow * capacity) {
      const litres = Math.floor((this.pace.fillTo * capacity - s.volumeL) / 1_000) * 1_000;
      if (litres > 0) s.delivery = { startsAt: now + between(this.pace.tankerAfterMs, this.random), litres };
    }
    const noise = (this.random() + this.random() - 1) * this.pace.noiseMm;
    const levelMm = Math.max(0, levelAtVolume(this.tank.points, s.volumeL) + noise);
    return { levelMm: round(levelMm, 2), temperatureC: round(this.temperatureAt(now), 2) };
  }

  /**
   * Fuel underground stays near the ground's temperature (about 17 °C here), with a small daily
   * swing and the probe's own scatter; volumes are not corrected for it (API MPMS ch. 11.1 would).
   */
  private temperatureAt(now: number): number {
    const day = Math.sin((2 * Math.PI * (now % 86_400_000)) / 86_400_000);
    return 17 + 0.4 * day + (this.random() - 0.5) * 0.1;
  }
}

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;
