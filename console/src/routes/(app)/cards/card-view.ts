import type { FuelCardStatus } from '$lib/fuel-labels';

/**
 * What the cards page shows, kept in the URL so a link reproduces it and Back undoes a step:
 * `?q=9100&status=ACTIVE&holder=<customerId>&card=<id>`. `q` of digits searches card numbers by
 * prefix; any other text finds holders by name, one of which (`holder`) lists that customer's cards.
 */
export interface CardView {
  search: string;
  status: FuelCardStatus | null;
  /** The customer whose cards are listed. */
  holder: string | null;
  /** The card open in the panel. */
  selected: string | null;
}

const STATUSES: readonly FuelCardStatus[] = ['ACTIVE', 'LOST', 'BLOCKED', 'REPLACED', 'CANCELLED'];
const known = (value: string | null): FuelCardStatus | null => STATUSES.find((s) => s === value) ?? null;

export function parseCardView(params: URLSearchParams): CardView {
  return {
    search: params.get('q')?.trim() ?? '',
    status: known(params.get('status')),
    holder: params.get('holder') || null,
    selected: params.get('card') || null,
  };
}

/** The query string (without `?`) of a view; every card has none. */
export function cardViewQuery(view: CardView): string {
  const params = new URLSearchParams();
  if (view.search.trim()) params.set('q', view.search.trim());
  if (view.status) params.set('status', view.status);
  if (view.holder) params.set('holder', view.holder);
  if (view.selected) params.set('card', view.selected);
  return params.toString();
}

/** A search of digits alone is the start of a card number (spaces, as printed in groups, dropped). */
export function cardNumberPrefix(search: string): string | null {
  const digits = search.replace(/\s/g, '');
  return /^\d+$/.test(digits) ? digits : null;
}

/** Text that names a holder: anything but a card number. */
export const holderSearch = (view: CardView): string | null => (view.search && cardNumberPrefix(view.search) === null ? view.search : null);

export interface FuelCardFilter {
  cardNumberPrefix?: string;
  status?: FuelCardStatus;
  customerId?: string;
}

/** The `fuelCards(filter:)` argument of a view; null lists every card. */
export function toCardFilter(view: CardView): FuelCardFilter | null {
  const filter: FuelCardFilter = {};
  const prefix = cardNumberPrefix(view.search);
  if (prefix) filter.cardNumberPrefix = prefix;
  if (view.status) filter.status = view.status;
  if (view.holder) filter.customerId = view.holder;
  return Object.keys(filter).length ? filter : null;
}

/** The list's part of a view, to read the list again only when it changes (not when a card is opened). */
export const listKey = (view: CardView): string => JSON.stringify([toCardFilter(view), holderSearch(view)]);
