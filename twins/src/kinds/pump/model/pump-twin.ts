import type { FuelPointState } from '@hearth/platform/domain';
import type { DeviceTwin } from '../../../model/device-twin';
import { effectiveTime, heardFrom, unheard, type SampleCursor } from '../../../model/sample-order';
import type { PumpDecision } from './pump-decisions';
import type { PumpPriceAsk } from './pump-prices';
import { emptyChain, type TotalizerChain } from './totalizer-chain';

/** The newest sale by counter. */
export interface PumpSaleSummary {
  counter: number;
  nozzle: number;
  grade: string;
  volumeMl: number;
  amountMinor: number;
  endedAt: Date;
}

/** A card read the card host has not answered yet. */
export interface PendingAuthorization {
  /** The request's id: the card host decides it under the same id. */
  authorizationId: string;
  /** Only the last four digits shown: the twin is read by anyone who may see the pump. */
  cardMasked: string;
  nozzle: number;
  requestedAt: Date;
}

/** An AUTHORIZE the pump may still act on: until the sale it allows ends (or it is withdrawn, or times out unused). */
export interface ActiveAuthorization {
  authorizationId: string;
  commandId: string;
  nozzle: number;
  limitMinor: number;
  /** When it was sent (this service's clock). */
  at: Date;
  /** The pump was seen acting on it (AUTHORISED or dispensing): it now lasts until the sale ends. */
  seen: boolean;
}

/** A fuel pump's (IFSF fuelling point's) twin: its state, the sale in progress, the card host's answers, its sales. */
export interface PumpTwinState extends DeviceTwin, SampleCursor {
  pumpId: string;
  /** The IFSF state it last reported; null before it reported. */
  state: FuelPointState | null;
  /** The nozzle in use and the running volume and amount of the sale in progress; null when none. */
  nozzle: number | null;
  volumeMl: number | null;
  amountMinor: number | null;
  /** Events count their `seq` apart from telemetry: a device may keep one counter per channel. */
  eventCursor: SampleCursor;
  pendingAuthorization: PendingAuthorization | null;
  lastDecision: PumpDecision | null;
  authorization: ActiveAuthorization | null;
  lastSale: PumpSaleSummary | null;
  /** The highest transaction counter reported. */
  lastCounter: number | null;
  /** Per nozzle, the totaliser at the end of its newest sale (by counter). */
  totalizers: Record<string, { counter: number; totalizerMl: number }>;
  chain: TotalizerChain;
  /** Per grade, the last price sent to the pump (SET_PRICES); absent on twins stored before prices were sent. */
  prices?: Record<string, PumpPriceAsk>;
}

export const emptyPumpTwin = (pumpId: string, tenantId: string): PumpTwinState => ({
  ...unheard(tenantId),
  pumpId,
  state: null,
  nozzle: null,
  volumeMl: null,
  amountMinor: null,
  eventCursor: { lastSeq: null, lastBoot: null, reportedAt: null },
  pendingAuthorization: null,
  lastDecision: null,
  authorization: null,
  lastSale: null,
  lastCounter: null,
  totalizers: {},
  chain: emptyChain(),
  prices: {},
});

export type Origin = { gatewayId: string; receivedAt: Date };

/** Any event: the pump was heard from, and the event's `seq` joins the event cursor (not telemetry's). */
export function heardEvent(state: PumpTwinState, sample: { ts: Date; seq?: number; boot?: number }, origin: Origin): PumpTwinState {
  const heard = heardFrom(state, {}, origin);
  const at = effectiveTime(sample.ts, origin.receivedAt);
  const cursor = state.eventCursor;
  return {
    ...heard,
    eventCursor: {
      lastSeq: sample.seq ?? cursor.lastSeq,
      lastBoot: sample.boot ?? cursor.lastBoot,
      reportedAt: cursor.reportedAt && cursor.reportedAt > at ? cursor.reportedAt : at,
    },
  };
}

/** `************1234`: the last four digits, the rest starred (the length kept). */
export const maskCard = (cardNumber: string): string => '*'.repeat(Math.max(0, cardNumber.length - 4)) + cardNumber.slice(-4);
