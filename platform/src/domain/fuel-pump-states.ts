/**
 * The states of a fuelling point (a pump's side, 加油机枪位) as the forecourt controller reports
 * them, shared by the fueling subgraph (which records sales) and the pump twins (which mirror what
 * the dispenser says). Names and numbers are IFSF's: Standard Forecourt Protocol Part III.01,
 * Dispenser Application, the FP state machine (FP_State, codes 1–9 in this order). Wayne DART and
 * Gilbarco two-wire pumps report their own statuses, which their drivers map onto these.
 */
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

/** The state an IFSF FP_State code (1–9) stands for; undefined for any other number. */
export function fuelPointStateOf(code: number): FuelPointState | undefined {
  return Number.isInteger(code) ? FUEL_POINT_STATES[code - 1] : undefined;
}

/** The IFSF FP_State code (1–9) of a state. */
export function fuelPointStateCode(state: FuelPointState): number {
  return FUEL_POINT_STATES.indexOf(state) + 1;
}

/**
 * Where each state may go (IFSF Part III.01, FP state machine), besides INOPERATIVE and CLOSED,
 * which are reachable from everywhere (see `fuelPointTransition`):
 *
 * | from               | to                 | why                                                               |
 * | ------------------ | ------------------ | ----------------------------------------------------------------- |
 * | INOPERATIVE        | CLOSED             | the fault is cleared; the FP must then be opened again             |
 * | CLOSED             | IDLE               | Open_FP                                                            |
 * | IDLE               | CALLING            | nozzle lifted, no authorisation yet (card read, host asked)       |
 * | IDLE               | AUTHORISED         | pre-authorised (prepay, preset at the console) before nozzle up    |
 * | CALLING            | IDLE               | nozzle hung up again, or the request was refused                   |
 * | CALLING            | AUTHORISED         | Release_FP: the host authorised the card                           |
 * | AUTHORISED         | IDLE               | the authorisation expired or was cancelled (Terminate_FP)          |
 * | AUTHORISED         | STARTED            | nozzle up on an authorised FP: display reset, motor on             |
 * | STARTED            | FUELLING           | the first volume pulse                                             |
 * | STARTED            | SUSPENDED_STARTED  | Suspend_FP before any flow                                         |
 * | STARTED            | IDLE               | nozzle back (or timeout) with no fuel drawn: a zero sale           |
 * | SUSPENDED_STARTED  | STARTED            | Resume_FP                                                          |
 * | SUSPENDED_STARTED  | IDLE               | Terminate_FP while suspended                                       |
 * | FUELLING           | SUSPENDED_FUELLING | Suspend_FP mid-sale (the attendant or the host stops the flow)     |
 * | FUELLING           | IDLE               | the sale ended: nozzle back, preset or limit reached, Terminate_FP |
 * | SUSPENDED_FUELLING | FUELLING           | Resume_FP                                                          |
 * | SUSPENDED_FUELLING | IDLE               | Terminate_FP while suspended: the sale ends with what was drawn    |
 *
 * Staying in a state is not a move: a repeated report of the same state is the caller's to ignore.
 */
const NEXT: Record<FuelPointState, readonly FuelPointState[]> = {
  INOPERATIVE: ['CLOSED'],
  CLOSED: ['IDLE'],
  IDLE: ['CALLING', 'AUTHORISED'],
  CALLING: ['IDLE', 'AUTHORISED'],
  AUTHORISED: ['IDLE', 'STARTED'],
  STARTED: ['FUELLING', 'SUSPENDED_STARTED', 'IDLE'],
  SUSPENDED_STARTED: ['STARTED', 'IDLE'],
  FUELLING: ['SUSPENDED_FUELLING', 'IDLE'],
  SUSPENDED_FUELLING: ['FUELLING', 'IDLE'],
};

/**
 * Whether IFSF allows a fuelling point to move from one state to another. Every state may fall to
 * INOPERATIVE (a fault: a pulser error, a lost calculator, a power failure) and be closed by the
 * site (Close_FP); a sale cut short that way must still be recovered from the pump's memory before
 * its card is released (the grey-card rule, DOMAIN.md, Fueling).
 */
export function fuelPointTransition(from: FuelPointState, to: FuelPointState): boolean {
  if (from === to) return false;
  if (to === 'INOPERATIVE' || to === 'CLOSED') return true;
  return NEXT[from].includes(to);
}

/** The states a fuelling point may move to from `state` (for a console's view and the tests). */
export const fuelPointStatesFrom = (state: FuelPointState): FuelPointState[] => FUEL_POINT_STATES.filter((to) => fuelPointTransition(state, to));

/**
 * Whether a sale is under way: the display has been reset for it and the nozzle is out, flowing or
 * not. A card in such a pump is held (grey) until the sale's record is settled.
 */
export function isDispensing(state: FuelPointState): boolean {
  switch (state) {
    case 'STARTED':
    case 'SUSPENDED_STARTED':
    case 'FUELLING':
    case 'SUSPENDED_FUELLING':
      return true;
    case 'INOPERATIVE':
    case 'CLOSED':
    case 'IDLE':
    case 'CALLING':
    case 'AUTHORISED':
      return false;
  }
}
