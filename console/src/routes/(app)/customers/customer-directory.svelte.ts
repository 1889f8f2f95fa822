import type { Client } from '@urql/core';
import { actionProblem, type ActionProblem } from '$lib/api/action-problem';
import { CREATE_CUSTOMER, CUSTOMERS_PAGE } from '$lib/api/customer-queries';
import type { CreateCustomerInput, CustomerSummary, CustomersPage } from '$lib/api/customer-types';
import { PagedList } from '$lib/api/paged-list.svelte';
import { m } from '$paraglide/messages';
import { toCustomerFilter, type CustomerView } from './customer-view';

/** Rows a page of results holds; "Load more" asks for the next ones (keyset paging by name). */
const PAGE_SIZE = 50;

/**
 * Page state for /customers: the customers a view selects (by name, "Load more" for the next
 * page), how many there are, and opening a new customer.
 */
export class CustomerDirectory {
  list: PagedList<CustomerSummary, CustomersPage>;
  /** How many customers the view selects, all pages together; null before the first answer. */
  total: number | null = $state(null);
  #client: Client;

  constructor(client: Client) {
    this.#client = client;
    this.list = new PagedList(
      client,
      CUSTOMERS_PAGE,
      (data: CustomersPage) => {
        this.total = data.customers.totalCount;
        return data.customers;
      },
      PAGE_SIZE,
    );
  }

  search(view: CustomerView): Promise<void> {
    return this.list.reload({ filter: toCustomerFilter(view) });
  }

  /** A customer read or changed in the panel shown in its row too, without reading the list again (which would drop the pages loaded). */
  update(customer: CustomerSummary): void {
    const row = this.list.items.find((c) => c.id === customer.id);
    if (!row) return;
    const { id, cardNumber, name, type, status, phones, supplyStation, blacklistedAt, account } = customer;
    Object.assign(row, { id, cardNumber, name, type, status, phones, supplyStation, blacklistedAt, account });
  }

  /** Resolves to the new customer's id, or why it was refused. */
  async create(input: CreateCustomerInput): Promise<{ id: string } | ActionProblem> {
    const result = await this.#client.mutation<{ createCustomer: { id: string } }>(CREATE_CUSTOMER, { input }).toPromise();
    const created = result.data?.createCustomer;
    if (result.error || !created) return actionProblem(result.error ?? new Error(m.error_no_data()));
    void this.list.reload();
    return { id: created.id };
  }
}
