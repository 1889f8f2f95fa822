/** The filling line as the console reads it: stations and scales (cylinders), their twins (twins), fills (cylinders). */

export interface ScaleInterlock {
  state: 'LOCKED' | 'RELEASED';
  tag: string | null;
  cylinderId: string | null;
  /** A refusal code, FILLED or RELEASE_NOT_CARRIED_OUT; null when released. */
  reason: string | null;
  message: string | null;
  decidedAt: string;
}

export interface ScaleTwin {
  weightKg: number | null;
  online: boolean;
  stale: boolean;
  lastSeenAt: string | null;
  version: number;
  interlock: ScaleInterlock | null;
  lastFill: { tag: string; netKg: number; at: string; overfill: boolean | null } | null;
  alarms: { code: string; severity: string; message: string }[];
}

export interface FillingScale {
  id: string;
  name: string;
  twin: ScaleTwin | null;
}

export interface FillingStation {
  siteId: string;
  company: string;
  scales: FillingScale[];
}

export interface FillingTotals {
  fills: number;
  netKg: number;
  overfills: number;
  bypasses: number;
  refused: number;
}

export interface FillingShiftTotal {
  shift: string | null;
  specCode: string | null;
  scaleId: string;
  totals: FillingTotals;
}

export interface FillRecord {
  id: string;
  tag: string;
  cylinderId: string | null;
  scaleId: string;
  specCode: string | null;
  operator: string | null;
  netKg: number;
  filledAt: string;
  released: boolean;
  overfill: boolean;
  refusal: string | null;
}
