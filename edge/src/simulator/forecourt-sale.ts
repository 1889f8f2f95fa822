import type { Customer } from './forecourt-customers';

/** A sale at one nozzle, from authorisation to its end: whole millilitres and fen (DESIGN §7). */
export interface Sale {
  cardNumber: string;
  nozzle: number;
  grade: string;
  unitPriceMinor: number;
  /** Where the sale stops: the customer's fill, or the most the authorised amount buys. */
  targetMl: number;
  deliveredMl: number;
  amountMinor: number;
  /** Millilitres per millisecond. */
  rate: number;
  totalizerStartMl: number;
  /** When fuel started to flow (set at FUELLING). */
  startedAt: number;
  /** Sold on the controller's own word while Hearth was out of reach. */
  offline: boolean;
}

/**
 * The sale an authorisation starts. A preset sale runs to the preset; a fill-up stops when the tank
 * is full or the limit is reached. Fuel flows at the nominal rate (40 L/min), faster when that
 * would take longer than `maxSaleMs`, so a demo sale never keeps the pump for minutes.
 */
export function startSale(
  customer: Customer,
  terms: { grade: string; unitPriceMinor: number; limitMinor: number; startTotalMl: number; offline: boolean },
  pace: { litresPerMinute?: number; maxSaleMs?: number },
): Sale {
  const limitMl = Math.floor((terms.limitMinor * 1000) / terms.unitPriceMinor);
  const targetMl = customer.presetMinor !== undefined ? limitMl : Math.min(customer.targetMl, limitMl);
  const nominal = ((pace.litresPerMinute ?? 40) * 1000) / 60_000;
  return {
    cardNumber: customer.cardNumber,
    nozzle: customer.nozzle,
    grade: terms.grade,
    unitPriceMinor: terms.unitPriceMinor,
    targetMl,
    deliveredMl: 0,
    amountMinor: 0,
    rate: Math.max(nominal, targetMl / (pace.maxSaleMs ?? 30_000)),
    totalizerStartMl: terms.startTotalMl,
    startedAt: 0,
    offline: terms.offline,
  };
}

/** The sale `elapsedMs` later: more fuel delivered, never past its target. */
export function saleAt(sale: Sale, elapsedMs: number): Sale {
  const deliveredMl = Math.min(sale.targetMl, Math.floor(sale.deliveredMl + sale.rate * Math.max(0, elapsedMs)));
  return { ...sale, deliveredMl, amountMinor: amountOf(deliveredMl, sale.unitPriceMinor) };
}

/** Price × volume, to the fen; never above the authorised amount, since the volume was bounded by it. */
export function amountOf(volumeMl: number, unitPriceMinor: number): number {
  return Math.round((volumeMl * unitPriceMinor) / 1000);
}

/** The TRANSACTION event of a sale (the pump contract's fields). */
export function transactionOf(sale: Sale, counter: number, endedAt: number) {
  return {
    type: 'TRANSACTION' as const,
    counter,
    cardNumber: sale.cardNumber,
    nozzle: sale.nozzle,
    grade: sale.grade,
    volumeMl: sale.deliveredMl,
    unitPriceMinor: sale.unitPriceMinor,
    amountMinor: amountOf(sale.deliveredMl, sale.unitPriceMinor),
    totalizerStartMl: sale.totalizerStartMl,
    totalizerEndMl: sale.totalizerStartMl + sale.deliveredMl,
    startedAt: new Date(sale.startedAt || endedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
  };
}
