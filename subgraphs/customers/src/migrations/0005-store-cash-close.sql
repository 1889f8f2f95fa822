-- A store's cash drawer is a ledger account of its own (type CASH, code STORE:<site id>): cash top-ups
-- and deposits taken at the counter go there. A close (交班/日结) counts the drawer and records what the
-- ledger expected since the previous close beside what was counted; the difference is the shortage
-- (negative) or overage. Closes are never changed; a miscount is corrected by the next close.
CREATE TABLE customers.store_cash_close (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  store_id uuid NOT NULL,
  drawer_account_id uuid NOT NULL,
  from_at timestamptz,
  closed_at timestamptz NOT NULL,
  expected_minor bigint NOT NULL,
  counted_minor bigint NOT NULL CHECK (counted_minor >= 0),
  closed_by text NOT NULL,
  note text
);
CREATE INDEX store_cash_close_store ON customers.store_cash_close (tenant_id, store_id, closed_at DESC, id DESC);
