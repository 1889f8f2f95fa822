-- Fuel pumps (IFSF fuelling points): twins, the card authorisation requests and the sales they
-- report (two hypertables), and how far the kind has answered the card host's decisions.
CREATE SCHEMA IF NOT EXISTS twins;

CREATE TABLE twins.pump_twin (
  tenant_id uuid NOT NULL,
  device_id text NOT NULL,
  state jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, device_id)
);

-- The two tables below are the contract the fueling service reads, by (received_at, id) with a
-- durable cursor. One row per event the pump sent that is not a redelivery (recognised by its seq):
-- a row stored is an event acknowledged.

-- One AUTH_REQUEST: a card read at a nozzle. The fueling service decides it as the card host under
-- the same id (`fueling.authorization.id`), which this service then sends to the pump.
CREATE TABLE twins.pump_auth_request (
  id uuid NOT NULL,
  -- When the pump read the card (its clock, never later than receipt).
  time timestamptz NOT NULL,
  tenant_id uuid NOT NULL,
  pump_id text NOT NULL,
  nozzle integer NOT NULL CHECK (nozzle BETWEEN 1 AND 8),
  card_number text NOT NULL CHECK (card_number ~ '^[0-9]{8,19}$'),
  -- A preset amount (fen) the customer keyed in; null for a fill-up.
  preset_minor bigint CHECK (preset_minor > 0),
  plate text CHECK (length(plate) <= 16),
  seq bigint,
  -- When this service received it (its clock): the card host's answer is sent only within 60 s of it.
  received_at timestamptz NOT NULL
);
SELECT create_hypertable('twins.pump_auth_request', by_range('time', INTERVAL '30 days'));
CREATE INDEX pump_auth_request_received ON twins.pump_auth_request (received_at, id);
CREATE INDEX pump_auth_request_id ON twins.pump_auth_request (id);
CREATE INDEX pump_auth_request_pump_time ON twins.pump_auth_request (tenant_id, pump_id, time DESC);

-- One TRANSACTION (a finished sale) as the pump reported it, integers in ml and fen. A station that
-- was offline uploads its backlog later, possibly repeated and out of order: the same (tenant_id,
-- pump_id, counter) may appear more than once here, and the fueling service settles it once.
CREATE TABLE twins.pump_transaction (
  id uuid NOT NULL,
  -- When the sale ended (ended_at): sales are kept and charted by it.
  time timestamptz NOT NULL,
  tenant_id uuid NOT NULL,
  pump_id text NOT NULL,
  -- The pump's transaction counter (IFSF transaction sequence number).
  counter bigint NOT NULL CHECK (counter >= 0),
  card_number text CHECK (card_number ~ '^[0-9]{8,19}$'),
  nozzle integer NOT NULL CHECK (nozzle BETWEEN 1 AND 8),
  grade text NOT NULL,
  volume_ml bigint NOT NULL CHECK (volume_ml >= 0),
  unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  totalizer_start_ml bigint NOT NULL CHECK (totalizer_start_ml >= 0),
  totalizer_end_ml bigint NOT NULL CHECK (totalizer_end_ml >= 0),
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  seq bigint,
  received_at timestamptz NOT NULL
);
SELECT create_hypertable('twins.pump_transaction', by_range('time', INTERVAL '30 days'));
CREATE INDEX pump_transaction_received ON twins.pump_transaction (received_at, id);
CREATE INDEX pump_transaction_pump_counter ON twins.pump_transaction (tenant_id, pump_id, counter);

-- Sales and card requests are kept as long as the other kinds' records (beyond the two years the
-- trade keeps sales records).
SELECT add_retention_policy('twins.pump_auth_request', INTERVAL '1100 days');
SELECT add_retention_policy('twins.pump_transaction', INTERVAL '1100 days');

-- The fueling service takes both in as they are stored: one notice per committing batch (the
-- notices of a transaction with the same payload are delivered once), its poll the fallback.
CREATE FUNCTION twins.announce_pump_auth_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('twins_pump_auth_request', '');
  RETURN NULL;
END $$;
CREATE TRIGGER pump_auth_request_announced AFTER INSERT ON twins.pump_auth_request FOR EACH ROW EXECUTE FUNCTION twins.announce_pump_auth_request();

CREATE FUNCTION twins.announce_pump_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('twins_pump_transaction', '');
  RETURN NULL;
END $$;
CREATE TRIGGER pump_transaction_announced AFTER INSERT ON twins.pump_transaction FOR EACH ROW EXECUTE FUNCTION twins.announce_pump_transaction();

-- How far the pump kind has read the card host's decisions (`fueling.authorization`, by
-- (decided_at, id)); it starts now: a decision older than this migration was too late to send anyway.
CREATE TABLE twins.pump_decision_cursor (
  name text PRIMARY KEY,
  decided_at timestamptz NOT NULL,
  authorization_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO twins.pump_decision_cursor (name, decided_at, authorization_id)
VALUES ('fueling.authorization', now(), '00000000-0000-0000-0000-000000000000');

-- Each decision answered once, whichever twins instance read it first and however often it is read
-- again (the look-back window): the instance whose insert wins sends it (through the holder of the
-- pump's gateway, ADR 0014). `outcome`: SENDING until the command is recorded, then SENT; LATE when
-- it came after the pump had given up; NOT_BOUND when the pump is bound to no gateway.
CREATE TABLE twins.pump_decision_answer (
  authorization_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  pump_id text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('SENDING', 'SENT', 'LATE', 'NOT_BOUND')),
  command_id uuid,
  answered_at timestamptz NOT NULL DEFAULT now()
);
-- Answers are needed only as long as the look-back window re-reads their decisions: older ones go.
CREATE INDEX pump_decision_answer_answered ON twins.pump_decision_answer (answered_at);
