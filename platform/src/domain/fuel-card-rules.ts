/**
 * The card host's online authorisation (联机授权) for an IC fuel card at a pump: may this card
 * fuel now, and up to how much money? Shared by the fueling subgraph (which answers the pump and
 * places a hold for the limit) and the pump twins (which show why a card was turned away). Pure:
 * the service reads the card, its limits' usage and the account, and passes them in.
 *
 * Money is integer minor units (fen) throughout, volumes integer millilitres, unit prices fen per
 * litre; no float ever carries money, so a limit is never a fen over what the rules allow.
 */
import { calendarDayIn } from './cylinder-lifecycle';

export type LimitPeriod = 'DAY' | 'WEEK' | 'MONTH' | 'LIFETIME';

/** One limit of the card (or of its company master card), with what it has used in its current period. */
export interface CardLimitUse {
  period: LimitPeriod;
  /** Money cap in minor units (fen); null: none. */
  maxAmountMinor: number | null;
  /** Volume cap in millilitres; null: none. */
  maxVolumeMl: number | null;
  /** Settled sales + open holds in the current period. */
  usedAmountMinor: number;
  usedVolumeMl: number;
  /** Whose limit it is (for the refusal's words). */
  scope: 'CARD' | 'MASTER';
}

export type CardStatus = 'ACTIVE' | 'LOST' | 'BLOCKED' | 'REPLACED' | 'CANCELLED';

export interface CardFacts {
  status: CardStatus;
  /** On the tenant's blacklist now (lost, blocked, …). */
  blacklisted: boolean;
  /** 'YYYY-MM-DD', valid through that day in the tenant's zone; null: never expires. */
  expiresOn: string | null;
  /** null: any grade. */
  allowedGrades: readonly string[] | null;
  /** null: any station. */
  allowedStations: readonly string[] | null;
  /** Bound to a vehicle plate: the request must carry the same plate (see `normalisePlate`). */
  plate: string | null;
  limits: readonly CardLimitUse[];
  /** What the account can still pay: balance + credit limit − open holds (may be ≤ 0). */
  availableMinor: number;
}

export interface AuthRequestFacts {
  /** The grade of the lifted nozzle; null when the card was read before a nozzle was chosen. */
  gradeCode: string | null;
  stationId: string;
  plate: string | null;
  /** The amount the customer preset, if any; a positive integer. */
  presetMinor: number | null;
  /** The grade's price in effect now, fen per litre (see `priceAt`); null: unknown. */
  unitPriceMinor: number | null;
  at: Date;
  /** The tenant's IANA zone, for the expiry date. */
  timeZone: string;
}

export type CardRefusal =
  | 'CARD_UNKNOWN'
  | 'CARD_BLACKLISTED'
  | 'CARD_LOST'
  | 'CARD_BLOCKED'
  | 'CARD_REPLACED'
  | 'CARD_CANCELLED'
  | 'CARD_EXPIRED'
  | 'GRADE_NOT_ALLOWED'
  | 'STATION_NOT_ALLOWED'
  | 'PLATE_MISMATCH'
  | 'LIMIT_REACHED'
  | 'INSUFFICIENT_FUNDS'
  | 'NO_PRICE';

/** A LIMIT_REACHED refusal says whose limit it was (`limitScope`), so the words can say "your company's monthly limit". */
export type CardDecision =
  { action: 'AUTHORIZE'; limitMinor: number } | { action: 'REFUSE'; reason: CardRefusal; limitMinor: 0; limitScope?: CardLimitUse['scope'] };

/** Below ¥1 a sale is not worth starting: the pump would stop almost at once. */
export const DEFAULT_MINIMUM_AUTHORIZATION_MINOR = 100;

/**
 * A plate as a comparable key: full-width forms folded (NFKC: 'Ｂ' → 'B'), upper case, and every
 * separator gone, since a plate is written '粤B·12345', '粤B 12345' or '粤b12345' (GA 36-2018
 * prints the dot; nobody types it the same way twice).
 */
export function normalisePlate(plate: string): string {
  return plate
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase();
}

/**
 * What `ml` millilitres cost at `unitPriceMinor` fen per litre, rounded down to the fen: the most
 * a limit may allow so that the pump, stopping at that amount, has delivered no more than `ml`.
 * Split into whole litres and the rest so no product leaves the safe integers.
 */
export function amountForVolumeFloor(ml: number, unitPriceMinor: number): number {
  const litres = Math.floor(ml / 1000);
  return litres * unitPriceMinor + Math.floor(((ml - litres * 1000) * unitPriceMinor) / 1000);
}

const refuse = (reason: CardRefusal) => ({ action: 'REFUSE', reason, limitMinor: 0 }) as const;

const STATUS_REFUSAL: Record<Exclude<CardStatus, 'ACTIVE'>, CardRefusal> = {
  LOST: 'CARD_LOST',
  BLOCKED: 'CARD_BLOCKED',
  REPLACED: 'CARD_REPLACED',
  CANCELLED: 'CARD_CANCELLED',
};

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function checkInt(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
}

/**
 * The card's own refusal, in a fixed order, most fundamental first, so the same card always gets
 * the same words: what the card is (status, then blacklist: a card active in our records but on
 * the blacklist the pumps hold is refused too), when it is valid (expiry), what it may buy
 * (grade, station, plate), and whether a volume cap can be priced. Money comes after, in
 * `decideCardAuthorization`.
 */
function cardRefusal(card: CardFacts, request: AuthRequestFacts): CardRefusal | null {
  if (card.status !== 'ACTIVE') return STATUS_REFUSAL[card.status];
  if (card.blacklisted) return 'CARD_BLACKLISTED';
  // Valid through its last day: refused from the next midnight in the tenant's zone.
  if (card.expiresOn !== null && card.expiresOn < calendarDayIn(request.at, request.timeZone)) return 'CARD_EXPIRED';
  // A grade-restricted card read before the nozzle is chosen is refused: the host cannot hold the pump to a grade.
  const grade = request.gradeCode;
  if (card.allowedGrades !== null && (grade === null || !card.allowedGrades.some((g) => sameId(g, grade)))) return 'GRADE_NOT_ALLOWED';
  if (card.allowedStations !== null && !card.allowedStations.some((s) => sameId(s, request.stationId))) return 'STATION_NOT_ALLOWED';
  if (card.plate !== null && (request.plate === null || normalisePlate(card.plate) !== normalisePlate(request.plate))) return 'PLATE_MISMATCH';
  const priced = request.unitPriceMinor !== null && request.unitPriceMinor > 0;
  if (!priced && card.limits.some((l) => l.maxVolumeMl !== null)) return 'NO_PRICE';
  return null;
}

/**
 * The host's answer to a pump that read `card` (null: no such card). An authorisation's limit is
 * the least of: the preset, what the account can pay, every limit's remaining money, and every
 * volume limit's remaining millilitres priced at the unit price, rounded down. Used-up limits
 * count as 0 remaining, never as negative.
 *
 * The minimum (default ¥1) is checked against what the card could pay, before the preset: a
 * customer may preset a small amount, but a card that can pay less than the minimum is refused,
 * with LIMIT_REACHED when a card or master limit is the least (a top-up would not help; a tie
 * counts as the limit) and INSUFFICIENT_FUNDS when the account's money is.
 */
export function decideCardAuthorization(card: CardFacts | null, request: AuthRequestFacts, options: { minimumMinor?: number } = {}): CardDecision {
  if (card === null) return refuse('CARD_UNKNOWN');
  const refusal = cardRefusal(card, request);
  if (refusal) return refuse(refusal);

  const minimum = options.minimumMinor ?? DEFAULT_MINIMUM_AUTHORIZATION_MINOR;
  checkInt('minimumMinor', minimum, 1);
  checkInt('availableMinor', card.availableMinor, Number.MIN_SAFE_INTEGER);
  if (request.presetMinor !== null) checkInt('presetMinor', request.presetMinor, 1);

  let byLimits = Number.POSITIVE_INFINITY;
  let scope: CardLimitUse['scope'] = 'CARD';
  const bind = (remaining: number, limit: CardLimitUse) => {
    if (remaining < byLimits) [byLimits, scope] = [remaining, limit.scope];
  };
  for (const limit of card.limits) {
    checkInt('usedAmountMinor', limit.usedAmountMinor, 0);
    checkInt('usedVolumeMl', limit.usedVolumeMl, 0);
    if (limit.maxAmountMinor !== null) {
      checkInt('maxAmountMinor', limit.maxAmountMinor, 0);
      bind(Math.max(0, limit.maxAmountMinor - limit.usedAmountMinor), limit);
    }
    if (limit.maxVolumeMl !== null) {
      checkInt('maxVolumeMl', limit.maxVolumeMl, 0);
      // cardRefusal has refused volume caps without a price.
      const price = request.unitPriceMinor ?? 0;
      checkInt('unitPriceMinor', price, 1);
      bind(amountForVolumeFloor(Math.max(0, limit.maxVolumeMl - limit.usedVolumeMl), price), limit);
    }
  }
  const byMoney = Math.max(0, card.availableMinor);
  const capacity = Math.min(byLimits, byMoney);
  if (capacity < minimum) return byLimits <= byMoney ? { ...refuse('LIMIT_REACHED'), limitScope: scope } : refuse('INSUFFICIENT_FUNDS');
  return { action: 'AUTHORIZE', limitMinor: request.presetMinor === null ? capacity : Math.min(request.presetMinor, capacity) };
}
