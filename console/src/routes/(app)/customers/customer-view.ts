import type { CustomerStatus, CustomerType } from '$lib/api/customer-types';

/**
 * What the customers page shows, kept in the URL so a link reproduces it and Back undoes a step:
 * `?q=黄&type=RESIDENTIAL&status=ACTIVE&customer=<id>` (the search, the filters, the customer open
 * in the panel). Nothing given: every customer, by name.
 */
export interface CustomerView {
  search: string;
  type: CustomerType | null;
  status: CustomerStatus | null;
  /** The customer whose record the panel shows. */
  selected: string | null;
}

const TYPES: readonly CustomerType[] = ['RESIDENTIAL', 'COMMERCIAL', 'INDUSTRIAL'];
const STATUSES: readonly CustomerStatus[] = ['ACTIVE', 'SUSPENDED', 'TERMINATED'];
const known = <T extends string>(value: string | null, values: readonly T[]): T | null => values.find((v) => v === value) ?? null;

export function parseCustomerView(params: URLSearchParams): CustomerView {
  return {
    search: params.get('q')?.trim() ?? '',
    type: known(params.get('type'), TYPES),
    status: known(params.get('status'), STATUSES),
    selected: params.get('customer') || null,
  };
}

/** The query string (without `?`) of a view; the whole list has none. */
export function customerViewQuery(view: CustomerView): string {
  const params = new URLSearchParams();
  if (view.search.trim()) params.set('q', view.search.trim());
  if (view.type) params.set('type', view.type);
  if (view.status) params.set('status', view.status);
  if (view.selected) params.set('customer', view.selected);
  return params.toString();
}

/** The `customers(filter:)` argument of a view; null lists everyone. */
export function toCustomerFilter(view: CustomerView): { search?: string; type?: CustomerType; status?: CustomerStatus } | null {
  const filter: { search?: string; type?: CustomerType; status?: CustomerStatus } = {};
  if (view.search) filter.search = view.search;
  if (view.type) filter.type = view.type;
  if (view.status) filter.status = view.status;
  return Object.keys(filter).length ? filter : null;
}

/** The list's part of a view, to read the list again only when it changes (not when a customer is opened). */
export const listKey = (view: CustomerView): string => JSON.stringify(toCustomerFilter(view));
