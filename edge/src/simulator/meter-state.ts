import type { RelayState } from '../bridge/drivers/dlt645/dlt645-data';
import { loadKw, type LoadProfile } from './meter-load-profile';

export interface SimulatedMeterSpec {
  /** DL/T 645: the 12-digit address; Modbus: the unit id as a string ('1'…'247'). */
  address: string;
  /** The register at start, kWh (default 0). */
  registerKwh?: number;
  loadProfile?: LoadProfile;
  /** Where the relay starts (default closed): a restarted demo carries it over. */
  relay?: RelayPosition;
  /** A meter that keeps remaining money (local prepaid): it falls by what is drawn × `unitPriceE4`. */
  remainingMoneyMinor?: number;
  /** Ten-thousandths of a yuan per kWh (¥0.5283 = 5283), for the remaining money. */
  unitPriceE4?: number;
  /** DL/T 645 relay-control password (default level 2, 000000). */
  password?: { level: number; code: string };
}

/** Where the relay is: closed, open, or open with closing allowed (合闸允许: it closes when the user presses the button). */
export type RelayPosition = 'CLOSED' | 'OPEN' | 'CLOSE_ALLOWED';

/**
 * One simulated meter's insides, whatever protocol it speaks: the register grows with its load while
 * the relay is closed (nothing flows while it is open), the remaining money falls with it, and a
 * relay allowed to close closes when the user presses the button (`pressButton`, or after a delay
 * the line simulator draws).
 */
export class SimulatedMeter {
  readonly address: string;
  /** Wh, fractional: the register shows it truncated to the meter's resolution. */
  private wh: number;
  private moneyE7?: number;
  relay: RelayPosition;
  /** Status word 3 bit 6: the last relay command was to open. */
  commandOpen = false;
  /** Sounding its balance alarm: 报警 (2AH) starts it, 报警解除 (2BH) stops it. */
  alarm = false;
  protected = false;
  readonly password: { level: number; code: string };

  constructor(
    readonly spec: SimulatedMeterSpec,
    private readonly noise: () => number = () => 1,
  ) {
    this.address = spec.address;
    this.wh = (spec.registerKwh ?? 0) * 1000;
    this.relay = spec.relay ?? 'CLOSED';
    this.commandOpen = this.relay === 'OPEN';
    if (spec.remainingMoneyMinor !== undefined) this.moneyE7 = spec.remainingMoneyMinor * 100_000;
    this.password = spec.password ?? { level: 2, code: '000000' };
  }

  /** kWh in hundredths, as a DL/T 645 register (XXXXXX.XX) shows it: wraps past 999999.99 like the meter's. */
  get registerHundredths(): number {
    return Math.floor(this.wh / 10) % 100_000_000;
  }

  get registerKwh(): number {
    return this.registerHundredths / 100;
  }

  /** Fen, floored at 0 (what the meter displays); undefined for a meter that keeps none. */
  get remainingMoneyMinor(): number | undefined {
    return this.moneyE7 === undefined ? undefined : Math.max(0, Math.floor(this.moneyE7 / 100_000));
  }

  get relayState(): RelayState {
    return this.relay === 'CLOSED' ? 'CLOSED' : 'OPEN';
  }

  /** Draws the load for `ms` of simulated time ending at `at`. */
  advance(ms: number, at: Date): void {
    if (this.relay !== 'CLOSED' || ms <= 0) return;
    const kw = loadKw(this.spec.loadProfile ?? { kind: 'constant', kw: 1 }, at) * this.noise();
    const wh = (kw * 1000 * ms) / 3_600_000;
    this.wh += wh;
    if (this.moneyE7 !== undefined) this.moneyE7 -= wh * (this.spec.unitPriceE4 ?? 0);
  }

  /** Adds money as a local top-up would (the card or token the tenant buys). */
  topUp(minor: number): void {
    if (this.moneyE7 !== undefined) this.moneyE7 += minor * 100_000;
  }

  pressButton(): void {
    if (this.relay === 'CLOSE_ALLOWED') this.relay = 'CLOSED';
  }
}
