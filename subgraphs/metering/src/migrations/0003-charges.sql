-- Charges (自动扣费). The twins' meter kind stores each reading in `twins.meter_reading` (the contract);
-- this service follows that table through a durable cursor and judges each reading once against its
-- meter's baseline (the newest accepted reading): consumption is charged by the meter's tariff with
-- its debit on the ledger in the same transaction, a reading older than the baseline, a register that
-- went back (a reset) or jumped is recorded and never charged.

-- Per meter: the baseline (newest accepted reading) and the running billing period of its tariff
-- (the pure rules' `BillingState`: a tiered tariff's tiers count consumption since `period_start`).
-- Locked by whoever charges the meter: readings of one meter are judged one after another.
CREATE TABLE metering.meter_billing (
  meter_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  baseline_at timestamptz,
  baseline_register_milli bigint CHECK (baseline_register_milli >= 0),
  period_start timestamptz,
  consumed_milli bigint NOT NULL DEFAULT 0 CHECK (consumed_milli >= 0),
  -- The exact cost of the period so far in 1e-7 yuan (can pass 2^53): charges are the rounded running total's steps.
  cost_e7 numeric NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((baseline_at IS NULL) = (baseline_register_milli IS NULL))
);

-- One row per reading judged (and one per replacement's final register), once per (meter, observed_at):
-- a reading stored again, replayed or read twice finds its row and does nothing.
--   CHARGED   consumption charged in full (journal_id its debit)
--   UNFUNDED  charged, but the wallet could pay only `paid_minor` of `amount_minor` (past its credit limit)
--   UNCHANGED the register did not move
--   BASELINE  the meter's first reading: the baseline, nothing to charge from
--   BEHIND    older than the baseline: its consumption is in a newer reading's charge
--   RESET     the register went back (a meter reset or swapped): new baseline, nothing charged
--   JUMP      more than the meter can measure in the time: new baseline, nothing charged, `review`
--   UNBOUND   the meter has no wallet or tariff: new baseline, nothing charged
CREATE TABLE metering.charge (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  observed_at timestamptz NOT NULL,
  -- The reading's row in twins.meter_reading; null for a replacement's final register.
  reading_id bigint,
  register_milli bigint NOT NULL CHECK (register_milli >= 0),
  -- The baseline it was judged against (null for a meter's first reading).
  from_at timestamptz,
  from_register_milli bigint,
  consumed_milli bigint NOT NULL DEFAULT 0 CHECK (consumed_milli >= 0),
  -- What the tariff charges, and what the wallet paid of it (less when UNFUNDED).
  amount_minor bigint NOT NULL DEFAULT 0 CHECK (amount_minor >= 0),
  paid_minor bigint NOT NULL DEFAULT 0 CHECK (paid_minor >= 0 AND paid_minor <= amount_minor),
  status text NOT NULL CHECK (status IN ('CHARGED', 'UNFUNDED', 'UNCHANGED', 'BASELINE', 'BEHIND', 'RESET', 'JUMP', 'UNBOUND')),
  review boolean NOT NULL DEFAULT false,
  -- The tariff's pieces (version, tier, TOU period, price, consumption, cost_e7 as a string).
  pieces jsonb NOT NULL DEFAULT '[]',
  tariff_id uuid,
  account_id uuid,
  journal_id uuid,
  balance_after_minor bigint,
  source text NOT NULL DEFAULT 'READING' CHECK (source IN ('READING', 'REPLACEMENT')),
  received_at timestamptz,
  charged_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (tenant_id, meter_id, observed_at)
);
-- ~10 million rows a day for 100,000 meters at 15 minutes: chunks of a month, dropped by time.
SELECT create_hypertable('metering.charge', by_range('observed_at', INTERVAL '30 days'));
CREATE INDEX charge_review ON metering.charge (tenant_id, observed_at DESC) WHERE review;
CREATE INDEX charge_account ON metering.charge (tenant_id, account_id, observed_at) WHERE account_id IS NOT NULL;

-- A meter replaced in place (same id, a new device and serial): the old device's final register was
-- charged, the new device's initial register is the baseline.
CREATE TABLE metering.meter_replacement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  old_serial text NOT NULL,
  new_serial text NOT NULL,
  final_register_milli bigint NOT NULL CHECK (final_register_milli >= 0),
  initial_register_milli bigint NOT NULL CHECK (initial_register_milli >= 0),
  replaced_at timestamptz NOT NULL,
  replaced_by text NOT NULL
);
CREATE INDEX meter_replacement_meter ON metering.meter_replacement (tenant_id, meter_id, replaced_at);

-- The balance of each bound wallet as metering last told the twins (`metering_meter_balance`): a wallet
-- whose ledger balance differs was moved by someone else (a top-up through the customers subgraph), and
-- the supply sweep tells the twins and looks at its meters' relays.
CREATE TABLE metering.wallet_seen (
  account_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  balance_minor bigint NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now()
);

-- How far this service has read twins.meter_reading, keyed (received_at, meter_id) (started at the
-- beginning: nothing is missed). The key is not unique: a row skipped at a page edge is read again
-- in the next run's look-back, and already charged readings are left out by the database.
CREATE TABLE metering.reading_cursor (
  name text PRIMARY KEY,
  received_at timestamptz NOT NULL,
  meter_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO metering.reading_cursor (name, received_at, meter_id) VALUES ('twins.meter_reading', '1970-01-01 00:00:00+00', '00000000-0000-0000-0000-000000000000');
