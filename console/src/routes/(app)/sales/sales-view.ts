/**
 * What the sales page shows, kept in the URL so a link reproduces it and Back undoes a step:
 * `?tab=reports&station=<id>&pump=<id>&card=<number>&anomalous=1&day=2031-05-10&period=MONTH`.
 * The station filters every tab; pump, card and anomalous the sales list; day and period the reports.
 */
export const SALES_TABS = ['sales', 'reports', 'anomalies'] as const;
export type SalesTab = (typeof SALES_TABS)[number];
export type ReportPeriod = 'DAY' | 'MONTH';

export interface SalesView {
  tab: SalesTab;
  station: string | null;
  pump: string | null;
  /** A card's printed number. */
  card: string | null;
  anomalous: boolean;
  /** YYYY-MM-DD; null: today in the company's calendar. */
  day: string | null;
  period: ReportPeriod;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseSalesView(params: URLSearchParams): SalesView {
  const tab = SALES_TABS.find((t) => t === params.get('tab')) ?? 'sales';
  const day = params.get('day');
  return {
    tab,
    station: params.get('station') || null,
    // A pump belongs to a station: without one it filters nothing.
    pump: (params.get('station') && params.get('pump')) || null,
    card: params.get('card')?.replace(/\s/g, '') || null,
    anomalous: params.get('anomalous') === '1',
    day: day && DAY.test(day) ? day : null,
    period: params.get('period') === 'MONTH' ? 'MONTH' : 'DAY',
  };
}

export function salesViewQuery(view: SalesView): string {
  const params = new URLSearchParams();
  if (view.tab !== 'sales') params.set('tab', view.tab);
  if (view.station) params.set('station', view.station);
  if (view.station && view.pump) params.set('pump', view.pump);
  if (view.card) params.set('card', view.card);
  if (view.anomalous) params.set('anomalous', '1');
  if (view.day) params.set('day', view.day);
  if (view.period !== 'DAY') params.set('period', view.period);
  return params.toString();
}

/** The `fuelTransactions(filter:)` argument of a view, once its card number is known as a card id (null: no card asked for). */
export function toSaleFilter(view: SalesView, cardId: string | null): Record<string, unknown> | null {
  const filter: Record<string, unknown> = {};
  if (view.station) filter.stationId = view.station;
  if (view.pump) filter.pumpId = view.pump;
  if (cardId) filter.cardId = cardId;
  if (view.anomalous) filter.anomalous = true;
  return Object.keys(filter).length ? filter : null;
}
