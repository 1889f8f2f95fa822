/** Fuel stations as the console reads them: stations, pumps and prices (fueling), the pumps' live twins (twins). */

/** IFSF fuelling-point states (Standard Forecourt Protocol Part III.01, FP_State 1–9), as the API names them. */
export const FUEL_POINT_STATES = [
  'INOPERATIVE',
  'CLOSED',
  'IDLE',
  'CALLING',
  'AUTHORISED',
  'STARTED',
  'SUSPENDED_STARTED',
  'FUELLING',
  'SUSPENDED_FUELLING',
] as const;
export type FuelPointState = (typeof FUEL_POINT_STATES)[number];

export interface FuelGrade {
  code: string;
  name: string;
}

export interface Nozzle {
  number: number;
  tankId: string | null;
  grade: FuelGrade;
}

export interface PumpAlarm {
  id: string;
  code: string;
  severity: string;
  state: string;
  message: string;
  raisedAt: string;
}

export interface PumpTwin {
  online: boolean;
  stale: boolean;
  lastSeenAt: string | null;
  version: number;
  state: FuelPointState | null;
  nozzle: number | null;
  volumeMl: number | null;
  amountMinor: number | null;
  pendingAuthorization: { authorizationId: string; cardMasked: string; nozzle: number; requestedAt: string } | null;
  lastDecision: {
    action: 'AUTHORIZE' | 'REFUSE';
    limitMinor: number;
    /** A refusal code of the card host; null when authorised. */
    reason: string | null;
    nozzle: number;
    decidedAt: string;
    withdrawn: boolean;
  } | null;
  lastSale: { counter: number; nozzle: number; grade: string; volumeMl: number; amountMinor: number; endedAt: string } | null;
  alarms: PumpAlarm[];
}

export interface Pump {
  id: string;
  name: string;
  dispenser: string;
  nozzles: Nozzle[];
  twin: PumpTwin | null;
}

export interface FuelPrice {
  id: string;
  stationId: string | null;
  unitPriceMinor: number;
  effectiveAt: string;
  grade: FuelGrade;
}

/** A station as the station picker lists it. */
export interface FuelStationSummary {
  id: string;
  site: { name: string };
}

export interface FuelStation extends FuelStationSummary {
  offlineCardsAccepted: boolean;
  offlineCardWindowMinutes: number;
  cardListVersion: number;
  cardListConfirmedAt: string | null;
  prices: FuelPrice[];
  pumps: Pump[];
}
