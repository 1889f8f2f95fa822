-- Emergency credit (应急透支) as money lent, its own receivable on the ledger: a meter in supply
-- that reaches zero with none outstanding is lent the policy's `emergency_credit_minor` (journal
-- EMERGENCY_CREDIT, from the company's CLEARING account coded METER_EMERGENCY_CREDIT into the
-- wallet) instead of being tripped; the floor is zero again while it is outstanding (this replaces
-- the overdraft to −emergency_credit_minor that 0004 describes). Each later top-up of the wallet
-- repays `emergency_recovery_share_percent` of itself (journal EMERGENCY_RECOVERY, wallet back to
-- the receivable), until nothing is outstanding.

ALTER TABLE metering.supply_policy
  ADD COLUMN emergency_recovery_share_percent numeric(5, 2) NOT NULL DEFAULT 50
    CHECK (emergency_recovery_share_percent BETWEEN 0 AND 100);

-- One loan of emergency credit to a meter: granted once (`grant_no` counts the meter's grants, and
-- keys the posting), repaid by top-ups. At most one outstanding per meter.
CREATE TABLE metering.emergency_credit (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  -- The wallet it was lent into (the meter's wallet then): top-ups of this wallet repay it.
  account_id uuid NOT NULL,
  grant_no integer NOT NULL CHECK (grant_no > 0),
  granted_minor bigint NOT NULL CHECK (granted_minor > 0),
  recovered_minor bigint NOT NULL DEFAULT 0 CHECK (recovered_minor >= 0 AND recovered_minor <= granted_minor),
  outstanding_minor bigint GENERATED ALWAYS AS (granted_minor - recovered_minor) STORED,
  grant_journal_id uuid NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  repaid_at timestamptz,
  UNIQUE (meter_id, grant_no)
);
CREATE UNIQUE INDEX emergency_credit_one_outstanding ON metering.emergency_credit (meter_id) WHERE recovered_minor < granted_minor;
CREATE INDEX emergency_credit_wallet ON metering.emergency_credit (account_id) WHERE recovered_minor < granted_minor;

-- What each top-up repaid of each loan (one posting per top-up, keyed by its journal).
CREATE TABLE metering.emergency_recovery (
  credit_id bigint NOT NULL REFERENCES metering.emergency_credit (id),
  top_up_journal_id uuid NOT NULL,
  tenant_id uuid NOT NULL,
  journal_id uuid NOT NULL,
  recovered_minor bigint NOT NULL CHECK (recovered_minor > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (credit_id, top_up_journal_id)
);

-- How far each wallet owing emergency credit has been read for top-ups: the last of its ledger
-- entries looked at (`ledger.entry` by `(account_id, created_at, id)`, its index). Set to the
-- grant's own entry when a wallet owing nothing is lent credit: earlier top-ups repay nothing.
CREATE TABLE metering.top_up_cursor (
  account_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  entry_at timestamptz NOT NULL,
  entry_id uuid NOT NULL
);

-- A meter's supply decisions newest first, keyset-paged by (created_at, id) (`Query.meterSupplyEvents`).
CREATE INDEX supply_event_meter_page ON metering.supply_event (tenant_id, meter_id, created_at DESC, id DESC);
