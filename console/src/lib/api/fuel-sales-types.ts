/** Fuel sales and the reports on them, as the console reads them (fueling). */

export interface FuelSale {
  id: string;
  pumpId: string;
  counter: number;
  stationId: string;
  nozzle: number;
  gradeCode: string;
  /** null: paid in cash. */
  cardNumber: string | null;
  cardId: string | null;
  volumeMl: number;
  unitPriceMinor: number;
  amountMinor: number;
  endedAt: string;
  /** Sold while the pump was offline and uploaded later. */
  offline: boolean;
  anomalies: { code: string; details: Record<string, unknown> }[];
}

export interface FuelSalesPage {
  fuelTransactions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: FuelSale }[] };
}

export interface FuelFigures {
  salesCount: number;
  volumeMl: number;
  amountMinor: number;
  cardAmountMinor: number;
  cashAmountMinor: number;
}

export interface FuelSalesReport {
  byGrade: {
    firstDay: string;
    lastDay: string;
    timeZone: string;
    totals: FuelFigures;
    rows: (FuelFigures & { stationId: string | null; gradeCode: string | null })[];
  };
  byShift: { rows: (FuelFigures & { shift: string | null; shiftStartsAt: string | null })[] };
}

export interface TankWetStock {
  tankId: string;
  gradeCodes: string[];
  salesCount: number;
  soldLiters: number;
  openingLiters: number | null;
  openingReadAt: string | null;
  closingLiters: number | null;
  closingReadAt: string | null;
  deliveries: number | null;
  deliveredLiters: number | null;
  measuredOutflowLiters: number | null;
  varianceLiters: number | null;
  variancePercent: number | null;
  allowedVarianceLiters: number;
  /** null: not measurable (a reading missing). */
  exceeded: boolean | null;
}

export interface WetStockAnswer {
  wetStockReconciliation: { tanks: TankWetStock[]; unassignedSalesCount: number; unassignedSoldLiters: number } | null;
  tanks: { edges: { node: { id: string; name: string } }[] };
}

export interface FuelAnomalyReport {
  flaggedSalesCount: number;
  truncated: boolean;
  counts: { code: string; salesCount: number }[];
  sales: FuelSale[];
}
