-- The books: an append-only double-entry ledger of money held for and owed by customers (wallets,
-- deposits) and the company's own accounts (clearing, revenue, cash, refunds). One posting is one
-- journal and its entries; its amounts sum to zero, so the books always balance. Money is integer
-- minor units (fen), kept within JavaScript's safe integers (±(2^53 − 1)) so no amount is rounded
-- when read back.
CREATE SCHEMA IF NOT EXISTS ledger;

CREATE TABLE ledger.account (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('CUSTOMER_WALLET', 'DEPOSITS_HELD', 'CLEARING', 'REVENUE', 'CASH', 'REFUNDS')),
  -- ISO 4217 alphabetic code: CNY.
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- Names a system account (`MAIN`) so services find it again; null for customers' accounts.
  code text CHECK (code <> ''),
  -- Whose account it is: `customer:<uuid>`.
  owner_ref text,
  name text NOT NULL,
  -- The sum of the account's entries, kept in the transaction that appends them.
  balance_minor bigint NOT NULL DEFAULT 0 CHECK (balance_minor BETWEEN -9007199254740991 AND 9007199254740991),
  -- How far below zero the balance may go; null: no limit (system accounts). A wallet always has one.
  credit_limit_minor bigint CHECK (credit_limit_minor BETWEEN 0 AND 9007199254740991),
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (type <> 'CUSTOMER_WALLET' OR credit_limit_minor IS NOT NULL),
  -- What journals and entries reference, so no entry can name another tenant's account.
  UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX account_system ON ledger.account (tenant_id, type, code, currency) WHERE code IS NOT NULL;
CREATE INDEX account_owner ON ledger.account (tenant_id, owner_ref) WHERE owner_ref IS NOT NULL;

-- One posting. The idempotency key makes a retried request post once; the request hash tells a
-- retry (same kind, lines and reversed journal) from another request sent under the same key.
CREATE TABLE ledger.journal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  request_hash text NOT NULL,
  kind text NOT NULL CHECK (kind ~ '^[A-Z_]{2,40}$'),
  description text,
  -- The journal this one reverses; a journal is reversed at most once.
  reverses uuid UNIQUE,
  -- `user:<id>`, `service:<name>`, `system`: who asked for the posting.
  actor text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (tenant_id, idempotency_key),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, reverses) REFERENCES ledger.journal (tenant_id, id)
);

-- One line of a posting: a signed amount (+ raises the account's balance) and the balance it left.
CREATE TABLE ledger.entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  journal_id uuid NOT NULL,
  account_id uuid NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor <> 0 AND amount_minor BETWEEN -9007199254740991 AND 9007199254740991),
  balance_after_minor bigint NOT NULL,
  -- The clock when the entry was written, while its account's row was locked: an account's entries
  -- sort in the order their balances were applied, which `now()` (the transaction's start) does not
  -- promise when transactions overlap.
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  FOREIGN KEY (tenant_id, journal_id) REFERENCES ledger.journal (tenant_id, id),
  FOREIGN KEY (tenant_id, account_id) REFERENCES ledger.account (tenant_id, id)
);
-- An account's entries newest first (keyset pages, statements).
CREATE INDEX entry_account_created ON ledger.entry (account_id, created_at DESC, id DESC);
CREATE INDEX entry_journal ON ledger.entry (journal_id);

-- Append-only: a posting is corrected by reversing it, never by rewriting history. Statement
-- triggers refuse an UPDATE or DELETE even when it matches no row, and TRUNCATE too.
CREATE FUNCTION ledger.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger.% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;
CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger.journal
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();
CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger.entry
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();
