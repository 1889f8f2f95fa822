-- Hand-overs: cylinders handed to customers with a deposit (on the ledger) or lent (临时借瓶) with a
-- due date, weighed at the door (short weight); and take-backs with residual gas (退残).

-- Per tenant and spec: what residual gas is credited at, and how much lighter than its fill a
-- cylinder may be at hand-over before it is flagged short (null: the spec's fill tolerance).
CREATE TABLE cylinders.handover_setting (
  tenant_id uuid NOT NULL,
  spec_code text NOT NULL,
  residual_price_per_kg_minor bigint NOT NULL DEFAULT 0 CHECK (residual_price_per_kg_minor >= 0),
  short_weight_tolerance_kg double precision CHECK (short_weight_tolerance_kg >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (tenant_id, spec_code),
  FOREIGN KEY (tenant_id, spec_code) REFERENCES cylinders.spec (tenant_id, code)
);

CREATE TABLE cylinders.handover (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  cylinder_id uuid NOT NULL,
  spec_code text NOT NULL,
  customer_id uuid NOT NULL,
  store_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('DEPOSIT', 'LOAN')),
  deposit_minor bigint NOT NULL DEFAULT 0 CHECK (deposit_minor >= 0),
  deposit_method text,
  deposit_journal_id uuid,
  loan_due_on date,
  driver text CHECK (length(driver) BETWEEN 1 AND 100),
  -- Weighed at the door, against the last fill (net + the spec's nominal tare).
  gross_kg double precision CHECK (gross_kg > 0),
  expected_gross_kg double precision,
  tolerance_kg double precision,
  short_kg double precision,
  short_weight boolean NOT NULL DEFAULT false,
  handed_at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  returned_at timestamptz,
  return_id uuid,
  UNIQUE (tenant_id, actor, idempotency_key),
  CHECK ((kind = 'DEPOSIT') = (deposit_journal_id IS NOT NULL AND deposit_minor > 0 AND deposit_method IS NOT NULL)),
  CHECK ((kind = 'LOAN') = (loan_due_on IS NOT NULL)),
  CHECK ((returned_at IS NULL) = (return_id IS NULL))
);
-- One open hand-over per cylinder; listings newest first by customer, store, cylinder.
CREATE UNIQUE INDEX handover_open ON cylinders.handover (tenant_id, cylinder_id) WHERE returned_at IS NULL;
CREATE INDEX handover_list ON cylinders.handover (tenant_id, handed_at DESC, id DESC);
CREATE INDEX handover_customer ON cylinders.handover (tenant_id, customer_id, handed_at DESC);
CREATE INDEX handover_store ON cylinders.handover (tenant_id, store_id, handed_at DESC);
CREATE INDEX handover_cylinder ON cylinders.handover (tenant_id, cylinder_id, handed_at DESC);

-- A cylinder taken back: its residual gas and what was credited and refunded. Kept for good.
CREATE TABLE cylinders.cylinder_return (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  cylinder_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  handover_id uuid REFERENCES cylinders.handover (id),
  store_id uuid NOT NULL,
  gross_kg double precision NOT NULL CHECK (gross_kg > 0),
  tare_kg double precision NOT NULL,
  residual_kg double precision NOT NULL CHECK (residual_kg >= 0),
  residual_price_per_kg_minor bigint NOT NULL,
  residual_credit_minor bigint NOT NULL CHECK (residual_credit_minor >= 0),
  residual_journal_id uuid,
  refund_minor bigint NOT NULL DEFAULT 0 CHECK (refund_minor >= 0),
  refund_method text,
  refund_journal_id uuid,
  returned_at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  UNIQUE (tenant_id, actor, idempotency_key)
);
CREATE INDEX cylinder_return_customer ON cylinders.cylinder_return (tenant_id, customer_id, returned_at DESC);
