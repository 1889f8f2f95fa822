import type { Connection } from './types';

/** The cylinders domain as the console reads it (subgraphs/cylinders: registry, filling). */

export type CylinderState =
  'REGISTERED' | 'EMPTY_STOCK' | 'FILLED' | 'FULL_STOCK' | 'IN_TRANSIT' | 'AT_CUSTOMER' | 'RETURNED' | 'INSPECTION' | 'LOST' | 'SCRAPPED';

export interface SiteCylinderStock {
  siteId: string;
  specCode: string;
  full: number;
  empty: number;
  inspection: number;
}

export interface CylinderStock {
  sites: SiteCylinderStock[];
  inTransitFull: number;
  inTransitEmpty: number;
  atCustomers: number;
}

export interface SiteCylinderFlows {
  siteId: string;
  fills: number;
  dispatched: number;
  received: number;
  handedOver: number;
  takenBack: number;
}

export interface StockAndFlows {
  cylinderStock: CylinderStock;
  cylinderFlows: SiteCylinderFlows[];
}

/** A row of the search. */
export interface CylinderSummary {
  id: string;
  serial: string;
  tag: string;
  state: CylinderState;
  spec: { code: string };
  location: { id: string } | null;
}

export interface CylinderTwinView {
  remainingKg: number | null;
  remainingPercent: number | null;
  online: boolean;
  lastSeenAt: string | null;
}

/** One cylinder's record; `twin` and the holder's name only when the viewer may read them. */
export interface CylinderDetail extends CylinderSummary {
  content: 'FULL' | 'EMPTY' | null;
  manufacturer: string;
  manufacturedOn: string;
  designLifeEnds: string;
  lastInspectedOn: string | null;
  nextInspectionDue: string;
  ownerCompany: string;
  fixedStation: { id: string } | null;
  holder: { id: string; name?: string } | null;
  transferOrderId: string | null;
  lastFill: { at: string; stationId: string; netKg: number } | null;
  twin?: CylinderTwinView | null;
}

export interface CylinderEventRecord {
  id: string;
  at: string;
  event: string;
  fromState: CylinderState | null;
  toState: CylinderState;
  siteId: string | null;
  deviceId: string | null;
  actor: string;
  ref: string | null;
}

export interface CylinderSearchResult {
  cylinders: Connection<CylinderSummary> & { totalCount: number };
  cylinderByTag: CylinderSummary | null;
}

export interface CylinderHistoryPage {
  cylinder: { history: Connection<CylinderEventRecord> } | null;
}
