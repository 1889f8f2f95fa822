import type { Client, TypedDocumentNode } from '@urql/core';
import { actionProblem, type ActionProblem } from '$lib/api/action-problem';
import {
  ACCOUNT_ENTRIES_PAGE,
  BLACKLIST_CUSTOMER,
  CUSTOMER_DETAIL,
  CUSTOMER_HISTORY_PAGE,
  CUSTOMER_PII,
  TOP_UP_ACCOUNT,
  UNBLACKLIST_CUSTOMER,
} from '$lib/api/customer-queries';
import {
  COLLECT_DEPOSIT,
  ISSUE_GAS_PERMIT,
  RECORD_CONTRACT,
  REFUND_DEPOSIT,
  REVERSE_POSTING,
  REVOKE_GAS_PERMIT,
  TERMINATE_CONTRACT,
  TRANSFER_OWNERSHIP,
  TRANSFER_STATION,
} from '$lib/api/customer-operation-queries';
import type {
  AccountEntriesPage,
  AccountEntry,
  CustomerChange,
  CustomerDetail,
  CustomerHistoryPage,
  CustomerRecord,
  IssueGasPermitInput,
  Posted,
  RecordContractInput,
  RevealedPii,
  TransferOwnershipInput,
} from '$lib/api/customer-types';
import { PagedList } from '$lib/api/paged-list.svelte';
import { readAll } from '$lib/api/read-all';
import { SITES_PAGE } from '$lib/api/site-queries';
import type { Connection, Site, SitesPage } from '$lib/api/types';
import { m } from '$paraglide/messages';
import type { DepositAttempt, TopUpAttempt } from './top-up';

const NONE = { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
const none = <T>(): Connection<T> => NONE;

/** What a top-up posted: the entry, and whether it answers a repeat of an earlier request (nothing new posted). */
export interface TopUpDone {
  amountMinor: number;
  balanceAfterMinor: number;
  replayed: boolean;
}

/**
 * The detail panel's state for one customer: the record (ID and phone numbers masked, whole on
 * request), the wallet's entries and the record's history, each paged newest first, and the
 * actions on it. Every action reads what it changed again, so the panel shows what was stored.
 */
export class CustomerRecordState {
  customer: CustomerRecord | null = $state(null);
  status: 'loading' | 'ready' | 'missing' | 'error' = $state('loading');
  error: string | null = $state(null);
  /** The numbers whole, after "Show"; null while masked. */
  revealed: RevealedPii | null = $state(null);
  entries: PagedList<AccountEntry, AccountEntriesPage>;
  history: PagedList<CustomerChange, CustomerHistoryPage>;

  readonly id: string;
  #client: Client;
  #onchange: (customer: CustomerRecord) => void;

  /** `onchange`: the record as just read or changed, for the page to show in its row too. */
  constructor(client: Client, id: string, onchange: (customer: CustomerRecord) => void = () => {}) {
    this.#client = client;
    this.id = id;
    this.#onchange = onchange;
    this.entries = new PagedList(client, ACCOUNT_ENTRIES_PAGE, (d: AccountEntriesPage) => d.account?.entries ?? none<AccountEntry>(), 20);
    this.history = new PagedList(client, CUSTOMER_HISTORY_PAGE, (d: CustomerHistoryPage) => d.customer?.history ?? none<CustomerChange>(), 20);
  }

  async load(): Promise<void> {
    if (!(await this.#readRecord())) return;
    await Promise.all([this.entries.reload({ accountId: this.customer!.account.id }), this.history.reload({ id: this.id })]);
  }

  /** Reads the record again; false when it could not. */
  async #readRecord(): Promise<boolean> {
    const result = await this.#client.query<CustomerDetail>(CUSTOMER_DETAIL, { id: this.id }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error) {
      this.error = actionProblem(result.error).detail;
      if (this.status === 'loading') this.status = 'error';
      return false;
    }
    this.error = null;
    const customer = result.data?.customer ?? null;
    this.status = customer ? 'ready' : 'missing';
    if (customer) this.#show(customer);
    return customer !== null;
  }

  #show(customer: CustomerRecord): void {
    this.customer = customer;
    this.#onchange(customer);
  }

  /** ID and phone numbers whole (`customers:pii`); the read is recorded in the history. */
  async reveal(): Promise<ActionProblem | null> {
    const result = await this.#client.query<{ customer: RevealedPii | null }>(CUSTOMER_PII, { id: this.id }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data?.customer) return actionProblem(result.error ?? new Error(m.error_no_data()));
    this.revealed = { idNumber: result.data.customer.idNumber, phones: result.data.customer.phones };
    void this.history.reload();
    return null;
  }

  hide(): void {
    this.revealed = null;
  }

  topUp(attempt: TopUpAttempt): Promise<TopUpDone | ActionProblem> {
    return this.#perform<TopUpDone>(TOP_UP_ACCOUNT, 'topUpAccount', { input: attempt });
  }

  /** Takes a deposit into, or pays one back from, the deposits held (never beyond them: INSUFFICIENT_FUNDS). */
  deposit({ direction, ...input }: DepositAttempt): Promise<Posted | ActionProblem> {
    const [mutation, field] = direction === 'collect' ? [COLLECT_DEPOSIT, 'collectDeposit'] : [REFUND_DEPOSIT, 'refundDeposit'];
    return this.#perform<Posted>(mutation, field, { input });
  }

  /** Undoes a posting on the wallet (a refund); once per posting (CONFLICT after). */
  reverse(input: { journalId: string; idempotencyKey: string; reason: string }): Promise<Posted | ActionProblem> {
    return this.#perform<Posted>(REVERSE_POSTING, 'reversePosting', { input });
  }

  transferStation(stationId: string): Promise<ActionProblem | null> {
    return this.#act(TRANSFER_STATION, 'transferCustomerStation', { id: this.id, stationId });
  }

  transferOwnership(input: TransferOwnershipInput): Promise<ActionProblem | null> {
    return this.#act(TRANSFER_OWNERSHIP, 'transferCustomerOwnership', { id: this.id, input });
  }

  issuePermit(input: IssueGasPermitInput): Promise<ActionProblem | null> {
    return this.#act(ISSUE_GAS_PERMIT, 'issueGasPermit', { customerId: this.id, input });
  }

  revokePermit(id: string, reason: string): Promise<ActionProblem | null> {
    return this.#act(REVOKE_GAS_PERMIT, 'revokeGasPermit', { id, reason });
  }

  recordContract(input: RecordContractInput): Promise<ActionProblem | null> {
    return this.#act(RECORD_CONTRACT, 'recordContract', { customerId: this.id, input });
  }

  terminateContract(id: string): Promise<ActionProblem | null> {
    return this.#act(TERMINATE_CONTRACT, 'terminateContract', { id });
  }

  /** Every site the company has, to transfer the customer to or name the store a cash deposit went to. */
  async loadSites(): Promise<Site[] | ActionProblem> {
    try {
      return await readAll(this.#client, SITES_PAGE, (d: SitesPage) => d.sites, 200);
    } catch (error) {
      return actionProblem(error);
    }
  }

  async #act(mutation: TypedDocumentNode, field: string, variables: Record<string, unknown>): Promise<ActionProblem | null> {
    const outcome = await this.#perform<{ id: string }>(mutation, field, variables);
    return 'code' in outcome ? outcome : null;
  }

  /** Sends a mutation, then reads the record, the entries and the history as stored (balance, deposits, permits, contracts). */
  async #perform<T>(mutation: TypedDocumentNode, field: string, variables: Record<string, unknown>): Promise<T | ActionProblem> {
    const result = await this.#client.mutation<Record<string, T>>(mutation, variables).toPromise();
    const answer = result.data?.[field];
    if (result.error || !answer) return actionProblem(result.error ?? new Error(m.error_no_data()));
    await this.#readRecord();
    await Promise.all([this.entries.reload(), this.history.reload()]);
    return answer;
  }

  blacklist(reason: string): Promise<ActionProblem | null> {
    return this.#change(BLACKLIST_CUSTOMER, 'blacklistCustomer', { id: this.id, reason });
  }

  unblacklist(): Promise<ActionProblem | null> {
    return this.#change(UNBLACKLIST_CUSTOMER, 'unblacklistCustomer', { id: this.id });
  }

  async #change(mutation: typeof BLACKLIST_CUSTOMER, field: string, variables: Record<string, unknown>): Promise<ActionProblem | null> {
    const result = await this.#client.mutation<Record<string, CustomerRecord>>(mutation, variables).toPromise();
    const changed = result.data?.[field];
    if (result.error || !changed) return actionProblem(result.error ?? new Error(m.error_no_data()));
    this.#show(changed);
    await this.history.reload();
    return null;
  }
}
