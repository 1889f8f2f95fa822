import { toMillilitres, toMinor, toMinorPerLitre, type PumpDecimals } from './pump-units';

/** A sale as the bridge followed it. Unknown parts (after a bridge restart mid-sale) stay undefined. */
export interface Sale {
  cardNumber?: string;
  nozzle: number;
  authorizedAt: Date;
  /** When the pump first reported FILLING. */
  fillingSince?: Date;
  /** The nozzle's volume total read before the pump was authorised (pump units). */
  startTotal?: number;
}

/** What the pump said at the end of a sale (DC2, DC3, DC101), in its own units. */
export interface SaleEnd {
  nozzle: number;
  grade: string;
  volume: number;
  amount: number;
  price: number;
  endTotal: number;
  endedAt: Date;
}

/**
 * The contract's TRANSACTION event. The totaliser start is the total read at authorisation; when the
 * bridge did not see that (it restarted mid-sale), it is end − volume, which still lets Hearth find a
 * gap from the previous sale's end.
 */
export function transactionEvent(counter: number, sale: Sale | undefined, end: SaleEnd, d: PumpDecimals): Record<string, string | number> {
  const volumeMl = toMillilitres(end.volume, d);
  const totalizerEndMl = toMillilitres(end.endTotal, d);
  return {
    type: 'TRANSACTION',
    counter,
    ...(sale?.cardNumber ? { cardNumber: sale.cardNumber } : {}),
    nozzle: end.nozzle,
    grade: end.grade,
    volumeMl,
    unitPriceMinor: toMinorPerLitre(end.price, d),
    amountMinor: toMinor(end.amount, d),
    totalizerStartMl: sale?.startTotal !== undefined ? toMillilitres(sale.startTotal, d) : totalizerEndMl - volumeMl,
    totalizerEndMl,
    startedAt: (sale?.fillingSince ?? sale?.authorizedAt ?? end.endedAt).toISOString(),
    endedAt: end.endedAt.toISOString(),
  };
}
