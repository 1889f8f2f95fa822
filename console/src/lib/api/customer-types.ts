/**
 * TypeScript shapes of the customers domain as the console selects them (customer-queries.ts);
 * beside types.ts, which holds the other domains'. Money is in integer minor units (fen).
 */
import type { Connection } from './types';

export type CustomerType = 'RESIDENTIAL' | 'COMMERCIAL' | 'INDUSTRIAL';
export type CustomerStatus = 'ACTIVE' | 'SUSPENDED' | 'TERMINATED';
export type PaymentMethod = 'PREPAID_WALLET' | 'CASH_ON_DELIVERY' | 'MONTHLY_CREDIT' | 'BANK_DEBIT';
export type IdKind = 'RESIDENT_ID' | 'OTHER';
export type TopUpMethod = 'CASH' | 'BANK_CARD' | 'BANK_TRANSFER' | 'WECHAT_PAY' | 'ALIPAY' | 'PARTNER';

export type ContractPayment = 'PREPAID' | 'CREDIT';
export type ContractBilling = 'BY_CYLINDER' | 'BY_FLOW';

export interface Wallet {
  id: string;
  /** ISO 4217, e.g. CNY. */
  currency: string;
  balanceMinor: number;
  /** How far below zero the balance may go (0: prepaid only). */
  creditLimitMinor: number;
}

/** A customer as a search result row shows it (ID and phone numbers masked). */
export interface CustomerSummary {
  id: string;
  cardNumber: string;
  name: string;
  type: CustomerType;
  status: CustomerStatus;
  phones: string[];
  supplyStation: { id: string; name: string } | null;
  blacklistedAt: string | null;
  account: Wallet;
}

/** Everything the detail panel shows of the record. */
export interface CustomerRecord extends CustomerSummary {
  idKind: IdKind | null;
  idNumber: string | null;
  uniqueNumber: string | null;
  archiveAddress: string | null;
  supplyAddress: string | null;
  paymentMethod: PaymentMethod;
  creditLevel: string | null;
  openedOn: string;
  lastExchangeOn: string | null;
  terminatedOn: string | null;
  blacklistReason: string | null;
  /** The station before the last transfer (转站). */
  lastSupplyStation: { id: string; name: string } | null;
  /** Deposits held for the customer (租瓶押金), apart from the wallet; null before the first. */
  depositAccount: { id: string; currency: string; balanceMinor: number } | null;
  /** Newest first. */
  gasPermits: GasPermit[];
  /** Newest first; commercial and industrial customers only. */
  contracts: Contract[];
}

/** A gas-use permit (用气证); dates YYYY-MM-DD. */
export interface GasPermit {
  id: string;
  number: string;
  issuedOn: string;
  validUntil: string;
  revokedAt: string | null;
  revokeReason: string | null;
}

/** A commercial or industrial supply contract; a standing CREDIT one sets the wallet's credit limit. */
export interface Contract {
  id: string;
  number: string;
  validFrom: string;
  validUntil: string;
  payment: ContractPayment;
  creditLimitMinor: number;
  billing: ContractBilling;
  terminatedAt: string | null;
}

/** ID and phone numbers whole (`customers:pii`). */
export interface RevealedPii {
  idNumber: string | null;
  phones: string[];
}

export interface AccountEntry {
  id: string;
  /** The posting it belongs to: what `reversePosting` undoes. */
  journalId: string;
  /** TOP_UP, CHARGE, DEPOSIT, REFUND, REVERSAL, … (a string in the API: kinds are added by other domains). */
  kind: string;
  description: string | null;
  amountMinor: number;
  balanceAfterMinor: number;
  createdAt: string;
}

/** One change of the record, from the audit log; `details` is JSON text. */
export interface CustomerChange {
  at: string;
  actor: string;
  action: string;
  details: string;
}

export interface CreateCustomerInput {
  type: CustomerType;
  name: string;
  idKind?: IdKind;
  idNumber?: string;
  phones?: string[];
  supplyAddress?: string;
}

/** A deposit paid in or back (`DepositInput`). */
export interface DepositInput {
  customerId: string;
  amountMinor: number;
  idempotencyKey: string;
  method: TopUpMethod;
  storeId?: string | null;
  note?: string | null;
}

export interface TransferOwnershipInput {
  name: string;
  idKind?: IdKind;
  idNumber?: string | null;
  phones: string[];
  note?: string | null;
}

export interface IssueGasPermitInput {
  number?: string;
  issuedOn?: string;
  validUntil: string;
}

export interface RecordContractInput {
  number: string;
  validFrom: string;
  validUntil: string;
  payment: ContractPayment;
  creditLimitMinor?: number;
  billing: ContractBilling;
}

/** What a posting (deposit, reversal) answered: the entry, and whether it repeats an earlier request. */
export interface Posted {
  id: string;
  amountMinor: number;
  balanceAfterMinor: number;
  replayed: boolean;
}

export interface CustomersPage {
  customers: Connection<CustomerSummary> & { totalCount: number };
}

export interface CustomerDetail {
  customer: CustomerRecord | null;
}

export interface AccountEntriesPage {
  account: { id: string; entries: Connection<AccountEntry> } | null;
}

export interface CustomerHistoryPage {
  customer: { id: string; history: Connection<CustomerChange> } | null;
}
