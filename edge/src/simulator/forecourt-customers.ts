/** A demo card as `demo.json` lists it (`kind`: NAMED, ANONYMOUS, MASTER, SUB). */
export interface ForecourtCard {
  cardNumber: string;
  kind: string;
}

/** Someone at a pump: the nozzle lifted, the card presented, a preset amount or a tank to fill. */
export interface Customer {
  cardNumber: string;
  nozzle: number;
  presetMinor?: number;
  /** What the tank takes when filled up (no preset): the sale stops here or at the authorised limit. */
  targetMl: number;
}

export interface CustomerMixOptions {
  /** One customer in this many presents a number no card has (refused by the card host). Default 15. */
  unknownCardEvery?: number;
  /** The share of customers who preset an amount (100, 200 or 300 yuan). Default 0.3. */
  presetShare?: number;
  /** A refused card is not used again for this long (its holder tops up or goes elsewhere). Default 2 h. */
  benchMs?: number;
}

/**
 * Fleet drivers fill up most (their sub-cards buy on the company's credit), named cardholders
 * often, anonymous stored-value cards now and then: weights by kind, so most card reads are
 * authorised while wallets and day limits run down and refusals come on their own.
 */
const KIND_WEIGHTS: Record<string, number> = { SUB: 4, NAMED: 2, MASTER: 0.5, ANONYMOUS: 0.5 };
const PRESETS_MINOR = [10_000, 20_000, 30_000];

/** Who comes to the station's pumps next: pure, given its random source and clock. */
export class CustomerMix {
  private readonly benched = new Map<string, number>();
  private count = 0;

  constructor(
    private readonly cards: ForecourtCard[],
    private readonly options: CustomerMixOptions = {},
    private readonly random: () => number = Math.random,
  ) {}

  /** The next customer, at a pump with these nozzles. */
  next(nozzles: number[], now: number): Customer {
    const nozzle = nozzles[Math.floor(this.random() * nozzles.length)] ?? 1;
    const preset = this.random() < (this.options.presetShare ?? 0.3);
    return {
      cardNumber: this.cardNumber(now),
      nozzle,
      ...(preset ? { presetMinor: PRESETS_MINOR[Math.floor(this.random() * PRESETS_MINOR.length)] } : {}),
      targetMl: Math.round(12_000 + this.random() * 33_000),
    };
  }

  /** The card host refused this card: its holder stays away for a while. */
  refused(cardNumber: string, now: number): void {
    this.benched.set(cardNumber, now + (this.options.benchMs ?? 2 * 3600_000));
  }

  private cardNumber(now: number): string {
    const every = this.options.unknownCardEvery ?? 15;
    if (every > 0 && ++this.count % every === 0) return unknownCardNumber(this.random);
    const usable = this.cards.filter((c) => (KIND_WEIGHTS[c.kind] ?? 0) > 0 && (this.benched.get(c.cardNumber) ?? 0) <= now);
    const total = usable.reduce((sum, c) => sum + KIND_WEIGHTS[c.kind]!, 0);
    let pick = this.random() * total;
    for (const card of usable) {
      pick -= KIND_WEIGHTS[card.kind]!;
      if (pick < 0) return card.cardNumber;
    }
    return usable.at(-1)?.cardNumber ?? unknownCardNumber(this.random);
  }
}

/** A 16-digit number outside the demo's 9100… series: no card of the company has it. */
export function unknownCardNumber(random: () => number): string {
  return `9109${String(Math.floor(random() * 1e12)).padStart(12, '0')}`;
}

/** A wait drawn evenly between `min` and `max` ms. */
export function between([min, max]: readonly [number, number], random: () => number = Math.random): number {
  return Math.round(min + random() * (max - min));
}
