import { priceAt, type PriceEntry } from '@hearth/platform/domain';
import type { PumpTwinState } from './pump-twin';

/** One grade's price in a SET_PRICES command, as the pump receives it. */
export interface GradePrice {
  grade: string;
  /** Fen per litre. */
  unitPriceMinor: number;
}

/** A SET_PRICES command's desired values: every grade on the pump's nozzles at the price in effect when it was sent. */
export interface SetPricesCommand {
  action: 'SET_PRICES';
  prices: GradePrice[];
  /** The price changes (`fueling.price` ids) whose time came and that this command carries to the pump. */
  priceIds: string[];
}

/** What the twin shows per grade: the last price asked of the pump and the command asking it (its status is the command's). */
export interface PumpPriceAsk {
  unitPriceMinor: number;
  commandId: string;
  askedAt: Date;
}

/**
 * The price in effect at `at` of each of the pump's grades, by the platform's one pricing rule
 * (`priceAt`: the newest entry in effect wins; a station's own price beats a company-wide one of
 * the same instant). Grades with no price in effect yet are left out: a pump keeps what it has
 * rather than being told a price nobody set. Sorted by grade, so equal asks compare equal.
 */
export function pricesFor(entries: readonly PriceEntry[], grades: readonly string[], stationId: string, at: Date): GradePrice[] {
  return [...new Set(grades)].sort().flatMap((grade) => {
    const unitPriceMinor = priceAt(entries, grade, stationId, at);
    return unitPriceMinor === null ? [] : [{ grade, unitPriceMinor }];
  });
}

/** The twin after a SET_PRICES was recorded (`TwinKind.desire`): each grade it carries shows the price asked and its command. */
export function pricesAsked(state: PumpTwinState, command: SetPricesCommand, commandId: string, at: Date): PumpTwinState {
  const prices = { ...(state.prices ?? {}) };
  for (const p of command.prices) prices[p.grade] = { unitPriceMinor: p.unitPriceMinor, commandId, askedAt: at };
  return { ...state, prices, version: state.version + 1 };
}

/** A SET_PRICES command's payload beside its `id` (the MQTT contract): `{ "action": "SET_PRICES", "prices": [{ "grade", "unitPriceMinor" }] }`. */
export const setPricesFields = (command: Partial<SetPricesCommand>): Record<string, unknown> => ({
  action: 'SET_PRICES',
  prices: (command.prices ?? []).map((p) => ({ grade: p.grade, unitPriceMinor: p.unitPriceMinor })),
});
