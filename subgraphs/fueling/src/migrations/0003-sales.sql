-- Authorisations and sales. A pump's AUTH_REQUEST and TRANSACTION events are stored by the twins
-- service (`twins.pump_auth_request`, `twins.pump_transaction`); this service takes them in through
-- durable cursors, decides each request as the card host (holding the amount until the sale
-- settles) and settles each sale once, its debit on the ledger in the same transaction.

-- One decided AUTH_REQUEST (same id as the request). The twins service follows this table by
-- (decided_at, id) and answers the pump with AUTHORIZE or REFUSE: columns id, tenant_id, pump_id,
-- nozzle, decision, limit_minor, reason and decided_at are its contract.
CREATE TABLE fueling.authorization (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  pump_id text NOT NULL,
  station_id uuid,
  nozzle integer NOT NULL,
  card_number text NOT NULL,
  card_id uuid,
  -- The ledger account held against (a sub-card's is its master's).
  account_id uuid,
  grade_code text,
  decision text NOT NULL CHECK (decision IN ('AUTHORIZE', 'REFUSE')),
  limit_minor bigint NOT NULL CHECK (limit_minor >= 0),
  -- The fuel the limit buys at the price in effect (for a card's volume limits while the hold is open).
  held_volume_ml bigint NOT NULL DEFAULT 0 CHECK (held_volume_ml >= 0),
  reason text,
  requested_at timestamptz NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- An authorised amount is held until its sale settles (or the hold is released): open holds
  -- lower what the account can still pay and count against the card's limits.
  hold_open boolean NOT NULL,
  -- When the card went on the greylist because this hold outlived a sale (a sale cut off mid-way).
  grey_listed_at timestamptz,
  closed_at timestamptz,
  sale_id uuid,
  CHECK (decision = 'AUTHORIZE' OR (limit_minor = 0 AND NOT hold_open AND reason IS NOT NULL))
);
CREATE INDEX authorization_decided ON fueling.authorization (decided_at, id);
CREATE INDEX authorization_open_account ON fueling.authorization (account_id) WHERE hold_open;
CREATE INDEX authorization_open_card ON fueling.authorization (card_id) WHERE hold_open;
CREATE INDEX authorization_open_pump ON fueling.authorization (tenant_id, pump_id, nozzle) WHERE hold_open;
CREATE INDEX authorization_open_decided ON fueling.authorization (decided_at) WHERE hold_open;

-- The pump's answer waits on this notice (one per committing transaction), its poll the fallback.
CREATE FUNCTION fueling.announce_authorization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('fueling_authorization', '');
  RETURN NULL;
END $$;
CREATE TRIGGER authorization_announced AFTER INSERT ON fueling.authorization FOR EACH ROW EXECUTE FUNCTION fueling.announce_authorization();

-- One settled sale: once per (pump, counter), however often and in whatever order it is uploaded.
CREATE TABLE fueling.sale (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  pump_id text NOT NULL,
  counter bigint NOT NULL CHECK (counter >= 0),
  station_id uuid NOT NULL,
  nozzle integer NOT NULL,
  grade_code text NOT NULL,
  card_number text,
  card_id uuid,
  account_id uuid,
  volume_ml bigint NOT NULL CHECK (volume_ml >= 0),
  unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  totalizer_start_ml bigint NOT NULL,
  totalizer_end_ml bigint NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  -- The authorisation it settles, when the pump sold online; null for an offline sale.
  authorization_id uuid,
  -- The ledger journal of its debit (a card sale); null for cash.
  journal_id uuid,
  -- What the anomaly rules found (codes and figures), empty when nothing.
  anomalies jsonb NOT NULL DEFAULT '[]',
  received_at timestamptz NOT NULL,
  settled_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (tenant_id, pump_id, counter)
);
CREATE INDEX sale_station_ended ON fueling.sale (tenant_id, station_id, ended_at DESC, id DESC);
CREATE INDEX sale_card_ended ON fueling.sale (tenant_id, card_id, ended_at DESC, id DESC) WHERE card_id IS NOT NULL;
CREATE INDEX sale_tenant_ended ON fueling.sale (tenant_id, ended_at DESC, id DESC);
CREATE INDEX sale_pump_nozzle_counter ON fueling.sale (tenant_id, pump_id, nozzle, counter);

-- How far this service has read the twins' pump tables (started at the beginning: nothing is missed).
CREATE TABLE fueling.pump_intake_cursor (
  name text PRIMARY KEY,
  received_at timestamptz NOT NULL,
  request_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO fueling.pump_intake_cursor (name, received_at, request_id) VALUES
  ('twins.pump_auth_request', '1970-01-01 00:00:00+00', '00000000-0000-0000-0000-000000000000'),
  ('twins.pump_transaction', '1970-01-01 00:00:00+00', '00000000-0000-0000-0000-000000000000');
