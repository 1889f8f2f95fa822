import { withChanges, type AlarmChange } from '../../../model/alarm';
import type { AuthRequestEvent, TransactionEvent } from '../pump-messages';
import { totalizerGapChanges } from './pump-alarms';
import { maskCard, type PumpTwinState } from './pump-twin';
import { addSale } from './totalizer-chain';

type Applied = { state: PumpTwinState; changes: AlarmChange[] };

/** A card read (pure): it waits for the card host's answer, which replaces any earlier one still waiting. */
export function requestAuthorization(twin: PumpTwinState, event: AuthRequestEvent, authorizationId: string, at: Date): PumpTwinState {
  return { ...twin, pendingAuthorization: { authorizationId, cardMasked: maskCard(event.cardNumber), nozzle: event.nozzle, requestedAt: at } };
}

/**
 * A finished sale (pure), in whatever order the pump uploads them. The newest by counter is the
 * last sale and sets its nozzle's totaliser; any sale may reveal a totaliser gap against its
 * neighbours on the nozzle (`addSale`). A counter reported again changes nothing.
 */
export function recordSale(twin: PumpTwinState, sale: TransactionEvent, at: Date, newId: () => string): Applied {
  const { chain, gaps } = addSale(twin.chain, sale.nozzle, { counter: sale.counter, startMl: sale.totalizerStartMl, endMl: sale.totalizerEndMl });
  const changes = totalizerGapChanges(twin.alarms, gaps, at, newId);
  const newest = twin.lastCounter === null || sale.counter > twin.lastCounter;
  const nozzleTotal = twin.totalizers[sale.nozzle];
  const newestOnNozzle = !nozzleTotal || sale.counter > nozzleTotal.counter;
  const state: PumpTwinState = {
    ...twin,
    chain,
    lastCounter: newest ? sale.counter : twin.lastCounter,
    lastSale: newest
      ? {
          counter: sale.counter,
          nozzle: sale.nozzle,
          grade: sale.grade,
          volumeMl: sale.volumeMl,
          amountMinor: sale.amountMinor,
          endedAt: new Date(sale.endedAt),
        }
      : twin.lastSale,
    totalizers: newestOnNozzle ? { ...twin.totalizers, [sale.nozzle]: { counter: sale.counter, totalizerMl: sale.totalizerEndMl } } : twin.totalizers,
    alarms: withChanges(twin.alarms, changes),
  };
  return { state, changes };
}
