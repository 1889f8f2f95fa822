/** IFSF fuelling-point states 1–9, as the pump telemetry contract names them. */
export const ifsfStates = ['INOPERATIVE', 'CLOSED', 'IDLE', 'CALLING', 'AUTHORISED', 'STARTED', 'SUSPENDED_STARTED', 'FUELLING', 'SUSPENDED_FUELLING'] as const;
export type IfsfState = (typeof ifsfStates)[number];

/** DART pump status codes (DC1, Dart Pump Interface rev. 2.11 §3.2.1). */
export const dartStatus = {
  notProgrammed: 0,
  reset: 1,
  authorized: 2,
  filling: 4,
  fillingCompleted: 5,
  maxReached: 6,
  switchedOff: 7,
  suspended: 8,
} as const;

export interface PumpView {
  /** The last DC1 status; undefined while the pump does not answer. */
  status: number | undefined;
  nozzleOut: boolean;
  /** Something was filled in the current sale (a SUSPENDED pump is suspended started or suspended fuelling). */
  delivered: boolean;
  /** The site refused the card waiting at the lifted nozzle: no longer calling. */
  refused: boolean;
}

/**
 * DART status → IFSF state. DART has no "calling" nor "started": those come from the nozzle (DC3)
 * beside RESET and AUTHORIZED. A sale that ended (FILLING COMPLETED, MAX AMOUNT/VOLUME REACHED) leaves
 * the point idle. PUMP NOT PROGRAMMED (no prices yet) cannot sell: inoperative, as a silent pump is.
 */
export function ifsfState(pump: PumpView): IfsfState {
  switch (pump.status) {
    case dartStatus.reset:
      return pump.nozzleOut && !pump.refused ? 'CALLING' : 'IDLE';
    case dartStatus.authorized:
      return pump.nozzleOut ? 'STARTED' : 'AUTHORISED';
    case dartStatus.filling:
      return 'FUELLING';
    case dartStatus.suspended:
      return pump.delivered ? 'SUSPENDED_FUELLING' : 'SUSPENDED_STARTED';
    case dartStatus.fillingCompleted:
    case dartStatus.maxReached:
      return 'IDLE';
    case dartStatus.switchedOff:
      return 'CLOSED';
    case undefined:
    default:
      return 'INOPERATIVE';
  }
}
