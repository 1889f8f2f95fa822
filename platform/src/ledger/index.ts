// The books (`@hearth/platform/ledger`): an append-only double-entry ledger of customers' money
// and the company's accounts. Services post in their own transactions; nothing here is a service.
export * from './migrate-ledger';
export { LEDGER_ACCOUNT_TYPES, type LedgerAccount, type LedgerAccountType } from './ledger-account';
export * from './open-account';
export * from './system-account';
export * from './get-accounts';
export * from './set-credit-limit';
export * from './posting';
export * from './post';
export * from './post-many';
export * from './reverse';
export * from './account-entries';
export * from './account-statement';
export * from './books-balance';
export * from './customer-money';
