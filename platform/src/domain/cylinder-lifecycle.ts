/**
 * The life of an LPG cylinder (钢瓶全周期管理) as pure rules, shared by the cylinders subgraph
 * (which records every move) and the filling scales' twins (which lock or release a scale).
 *
 * States follow the trade's registry (DOMAIN.md, Cylinders): REGISTERED → EMPTY_STOCK → FILLED →
 * FULL_STOCK → IN_TRANSIT → AT_CUSTOMER → RETURNED → INSPECTION → EMPTY_STOCK; LOST until found;
 * SCRAPPED is terminal. Whether a cylinder holds gas is its state's (`contentOf`), except in
 * transit, where the transfer line says.
 */
export const CYLINDER_STATES = [
  'REGISTERED',
  'EMPTY_STOCK',
  'FILLED',
  'FULL_STOCK',
  'IN_TRANSIT',
  'AT_CUSTOMER',
  'RETURNED',
  'INSPECTION',
  'LOST',
  'SCRAPPED',
] as const;
export type CylinderState = (typeof CYLINDER_STATES)[number];

/** What can happen to a cylinder; each is one append-only event of its log. */
export const CYLINDER_EVENTS = [
  /** Received into empty stock at a site (a new cylinder, or one back from inspection elsewhere). */
  'STOCK_IN_EMPTY',
  /** Filled at a filling scale (only after the scale was released for it). */
  'FILL',
  /** Check-weighed and put into full stock. */
  'STOCK_IN_FULL',
  /** Loaded onto a truck under a transfer order (调拨). */
  'DISPATCH',
  /** Signed for at the transfer's destination. */
  'RECEIVE',
  /** Handed to a customer (with a deposit, or lent: 临时借瓶). */
  'HAND_OVER',
  /** Taken back from a customer, residual gas weighed (退残). */
  'TAKE_BACK',
  /** Sent to the periodic inspection (TSG 23-2021). */
  'SEND_TO_INSPECTION',
  /** Passed: back to empty stock with a new inspection date. */
  'PASS_INSPECTION',
  /** Reported lost (a transfer discrepancy, a customer who moved away). */
  'REPORT_LOST',
  /** A lost cylinder turned up: it is taken in as returned, to be checked before it is filled. */
  'FIND',
  /** Marked for scrap (failed inspection, past its design life, damaged): terminal. */
  'SCRAP',
] as const;
export type CylinderEvent = (typeof CYLINDER_EVENTS)[number];

/** From which states each event may happen, and where it leads. */
const TRANSITIONS: Record<CylinderEvent, { from: readonly CylinderState[]; to: CylinderState }> = {
  STOCK_IN_EMPTY: { from: ['REGISTERED', 'RETURNED'], to: 'EMPTY_STOCK' },
  FILL: { from: ['REGISTERED', 'EMPTY_STOCK', 'RETURNED'], to: 'FILLED' },
  STOCK_IN_FULL: { from: ['FILLED'], to: 'FULL_STOCK' },
  DISPATCH: { from: ['EMPTY_STOCK', 'FILLED', 'FULL_STOCK', 'RETURNED'], to: 'IN_TRANSIT' },
  // Where it lands depends on what it carried: `receivedState`.
  RECEIVE: { from: ['IN_TRANSIT'], to: 'FULL_STOCK' },
  HAND_OVER: { from: ['FILLED', 'FULL_STOCK'], to: 'AT_CUSTOMER' },
  TAKE_BACK: { from: ['AT_CUSTOMER'], to: 'RETURNED' },
  SEND_TO_INSPECTION: { from: ['REGISTERED', 'EMPTY_STOCK', 'RETURNED'], to: 'INSPECTION' },
  PASS_INSPECTION: { from: ['INSPECTION'], to: 'EMPTY_STOCK' },
  REPORT_LOST: { from: ['REGISTERED', 'EMPTY_STOCK', 'FILLED', 'FULL_STOCK', 'IN_TRANSIT', 'AT_CUSTOMER', 'RETURNED', 'INSPECTION'], to: 'LOST' },
  FIND: { from: ['LOST'], to: 'RETURNED' },
  SCRAP: { from: ['REGISTERED', 'EMPTY_STOCK', 'FILLED', 'FULL_STOCK', 'RETURNED', 'INSPECTION', 'LOST'], to: 'SCRAPPED' },
};

/** The state an event leads to, or why it may not happen now (`INVALID_CYLINDER_TRANSITION` with this reason). */
export function cylinderTransition(
  state: CylinderState,
  event: CylinderEvent,
  options: { full?: boolean } = {},
): { ok: true; to: CylinderState } | { ok: false; reason: string } {
  const rule = TRANSITIONS[event];
  if (!rule.from.includes(state)) {
    if (state === 'SCRAPPED') return { ok: false, reason: `the cylinder is scrapped: nothing more may happen to it (${event})` };
    return { ok: false, reason: `${event} is not possible from ${state} (only from ${rule.from.join(', ')})` };
  }
  if (event === 'RECEIVE') return { ok: true, to: options.full ? 'FULL_STOCK' : 'EMPTY_STOCK' };
  return { ok: true, to: rule.to };
}

/** The events possible from a state (for a console's buttons and the property test). */
export const eventsFrom = (state: CylinderState): CylinderEvent[] => CYLINDER_EVENTS.filter((e) => TRANSITIONS[e].from.includes(state));

/** Whether a cylinder in this state holds gas; null in transit, where its transfer line says. */
export function contentOf(state: CylinderState): 'FULL' | 'EMPTY' | null {
  switch (state) {
    case 'FILLED':
    case 'FULL_STOCK':
    case 'AT_CUSTOMER':
      return 'FULL';
    case 'IN_TRANSIT':
    case 'LOST':
      return null;
    case 'REGISTERED':
    case 'EMPTY_STOCK':
    case 'RETURNED':
    case 'INSPECTION':
    case 'SCRAPPED':
      return 'EMPTY';
  }
}

/**
 * Why a scale must stay locked for a cylinder, by code, most fundamental first: the first that
 * applies is the one reported (TSG 23-2021 §7 and GB/T 38059-2019: fill only registered cylinders
 * of the filler's own, within their inspection period and design life, not marked for scrap).
 */
export const FILL_REFUSALS = {
  UNREGISTERED: 'No registered cylinder carries this tag',
  SCRAPPED: 'The cylinder is marked for scrap',
  REPORTED_LOST: 'The cylinder is reported lost',
  PAST_DESIGN_LIFE: 'The cylinder is past its design life',
  INSPECTION_OVERDUE: 'The cylinder is overdue for its periodic inspection',
  FOREIGN_OWNER: 'The cylinder belongs to another company',
  FIXED_TO_OTHER_STATION: 'The cylinder is fixed to another filling station (定点充装)',
  NOT_FILLABLE_NOW: 'The cylinder is not empty in stock here (full, in transit, at a customer or in inspection)',
  /** Not the cylinder's fault: the registry could not be read, so nothing may be filled. */
  REGISTRY_UNAVAILABLE: 'The cylinder registry cannot be read now',
  /** Not the cylinder's fault: the scale stands at no registered filling station, so whose cylinders it may fill is unknown. */
  SCALE_NOT_REGISTERED: 'The scale is not registered at a filling station',
} as const;
export type FillRefusalCode = keyof typeof FILL_REFUSALS;

/** What the filling check needs of a registered cylinder. */
export interface FillableCylinder {
  state: CylinderState;
  ownerCompany: string;
  /** The filling station it is fixed to (定点充装); null: any station of its owner. */
  fixedStationId: string | null;
  /** Calendar dates (YYYY-MM-DD) in the tenant's time zone. */
  nextInspectionDue: string;
  /** The last day of its design life (manufacture date + design life). */
  designLifeEnds: string;
}

/** Where the fill would happen. */
export interface FillingPlace {
  /** The filling station's site. */
  stationId: string;
  /** The company that station fills for. */
  company: string;
  /** Today, YYYY-MM-DD, in the tenant's time zone. */
  today: string;
}

/**
 * Why this cylinder may not be filled here today, or null when the scale may be released. A
 * cylinder due for inspection today may still be filled today; one whose design life ends today
 * may too (both are the last valid day).
 */
export function fillRefusal(cylinder: FillableCylinder | null, place: FillingPlace): FillRefusalCode | null {
  if (!cylinder) return 'UNREGISTERED';
  if (cylinder.state === 'SCRAPPED') return 'SCRAPPED';
  if (cylinder.state === 'LOST') return 'REPORTED_LOST';
  if (cylinder.designLifeEnds < place.today) return 'PAST_DESIGN_LIFE';
  if (cylinder.nextInspectionDue < place.today) return 'INSPECTION_OVERDUE';
  if (cylinder.ownerCompany !== place.company) return 'FOREIGN_OWNER';
  if (cylinder.fixedStationId !== null && cylinder.fixedStationId.toLowerCase() !== place.stationId.toLowerCase()) return 'FIXED_TO_OTHER_STATION';
  if (!TRANSITIONS.FILL.from.includes(cylinder.state)) return 'NOT_FILLABLE_NOW';
  return null;
}

/** `date` (YYYY-MM-DD) plus whole years, as PostgreSQL adds them (the registry's views compute the same): 29 February lands on the 28th. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + years, m - 1, Math.min(d, lastOfMonth))).toISOString().slice(0, 10);
}

/** The last day of a design life that began on `manufactured` (YYYY-MM-DD) and lasts `years`. */
export function designLifeEnds(manufactured: string, years: number): string {
  const end = new Date(`${addYears(manufactured, years)}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * A fill's net weight against its spec: over `maxFillKg + toleranceKg` is an overfill (a
 * dangerous cylinder: LPG expands ~0.25 %/K and a liquid-full cylinder bursts).
 */
export function isOverfill(netKg: number, spec: { maxFillKg: number; toleranceKg: number }): boolean {
  return netKg > spec.maxFillKg + spec.toleranceKg + 1e-9;
}

/** The trade's calendar: inspection and design-life dates are days where the cylinder is, by default China's. */
export const DEFAULT_CYLINDER_TIME_ZONE = 'Asia/Shanghai';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) an instant falls on in an IANA time zone. */
export function calendarDayIn(at: Date, timeZone: string = DEFAULT_CYLINDER_TIME_ZONE): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    // en-CA prints dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  return f.format(at);
}
