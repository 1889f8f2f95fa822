import { minorUnits, minorUnitsOrNull } from './minor-units';

export const LEDGER_ACCOUNT_TYPES = ['CUSTOMER_WALLET', 'DEPOSITS_HELD', 'CLEARING', 'REVENUE', 'CASH', 'REFUNDS'] as const;
/** What an account holds: a customer's prepaid money, deposits held for them, or one of the company's own books. */
export type LedgerAccountType = (typeof LEDGER_ACCOUNT_TYPES)[number];

export interface LedgerAccount {
  id: string;
  tenantId: string;
  type: LedgerAccountType;
  /** ISO 4217 alphabetic code (`CNY`); every line of a posting is in one currency. */
  currency: string;
  /** Names a system account (`MAIN`); null for customers' accounts. */
  code: string | null;
  /** Whose account it is: `customer:<uuid>`. */
  ownerRef: string | null;
  name: string;
  /** The sum of the account's entries, in minor units (fen). */
  balanceMinor: number;
  /** How far below zero the balance may go; null: no limit (system accounts). */
  creditLimitMinor: number | null;
  closedAt: Date | null;
  createdAt: Date;
}

/** The select list every reader of accounts uses, named as `LedgerAccount` is. */
export const ACCOUNT_COLUMNS = `id, tenant_id AS "tenantId", type, currency, code, owner_ref AS "ownerRef", name,
  balance_minor AS "balanceMinor", credit_limit_minor AS "creditLimitMinor", closed_at AS "closedAt", created_at AS "createdAt"`;

/** A row of `ACCOUNT_COLUMNS` as the database hands it over: money checked on the way out. */
export type AccountRow = Omit<LedgerAccount, 'balanceMinor' | 'creditLimitMinor'> & { balanceMinor: unknown; creditLimitMinor: unknown };

export const toLedgerAccount = (row: AccountRow): LedgerAccount => ({
  ...row,
  balanceMinor: minorUnits(row.balanceMinor, `balance of account ${row.id}`),
  creditLimitMinor: minorUnitsOrNull(row.creditLimitMinor, `credit limit of account ${row.id}`),
});
