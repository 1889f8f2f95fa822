-- What a customer holds beside the record: gas-use permits (用气证), commercial contracts, and the
-- premises site whose gas detectors speak for the customer (a Site of the tanks subgraph).
ALTER TABLE customers.customer ADD COLUMN premises_site_id uuid;
CREATE INDEX customer_premises ON customers.customer (tenant_id, premises_site_id) WHERE premises_site_id IS NOT NULL;
-- The customer's deposits (cylinder deposits, 租瓶押金) are held in a ledger account of its own.
ALTER TABLE customers.customer ADD COLUMN deposit_account_id uuid;

CREATE TABLE customers.gas_permit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  customer_id uuid NOT NULL REFERENCES customers.customer (id),
  number text NOT NULL,
  issued_on date NOT NULL,
  valid_until date NOT NULL CHECK (valid_until > issued_on),
  revoked_at timestamptz,
  revoke_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, number)
);
CREATE INDEX gas_permit_customer ON customers.gas_permit (customer_id, issued_on DESC);

CREATE TABLE customers.contract (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  customer_id uuid NOT NULL REFERENCES customers.customer (id),
  number text NOT NULL,
  valid_from date NOT NULL,
  valid_until date NOT NULL CHECK (valid_until > valid_from),
  payment text NOT NULL CHECK (payment IN ('PREPAID', 'CREDIT')),
  credit_limit_minor bigint NOT NULL DEFAULT 0 CHECK (credit_limit_minor >= 0),
  billing text NOT NULL CHECK (billing IN ('BY_CYLINDER', 'BY_FLOW')),
  terminated_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, number)
);
CREATE INDEX contract_customer ON customers.contract (customer_id, valid_from DESC);
