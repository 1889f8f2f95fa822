-- Customers: residential, commercial and industrial accounts of a gas company (seed 000's
-- customer archive). ID and phone numbers are stored encrypted (AES-256-GCM, `@hearth/platform/pii`)
-- beside their masked form and blind tokens for search; the clear text never reaches the database.
CREATE SCHEMA IF NOT EXISTS customers;

-- Card numbers the service issues when none is given: one sequence for every tenant is enough,
-- a number is only ever unique within its tenant.
CREATE SEQUENCE customers.card_number_seq START 100001;

CREATE TABLE customers.customer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  card_number text NOT NULL,
  type text NOT NULL CHECK (type IN ('RESIDENTIAL', 'COMMERCIAL', 'INDUSTRIAL')),
  status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'TERMINATED')),
  name text NOT NULL,
  id_kind text CHECK (id_kind IN ('RESIDENT_ID', 'OTHER')),
  id_number_enc text,
  id_number_masked text,
  -- Equality lookups of an ID number (the same person's other accounts) without decrypting.
  id_number_index text,
  unique_number text,
  archive_address text,
  supply_address text,
  phones_enc text[] NOT NULL DEFAULT '{}',
  phones_masked text[] NOT NULL DEFAULT '{}',
  -- Blind tokens of every 4-digit run of every phone: a fragment search reads the GIN index.
  phone_tokens text[] NOT NULL DEFAULT '{}',
  supply_station_id uuid,
  last_supply_station_id uuid,
  payment_method text NOT NULL DEFAULT 'PREPAID_WALLET',
  credit_level text,
  opened_on date NOT NULL DEFAULT current_date,
  last_exchange_on date,
  terminated_on date,
  insurer text,
  insurance_policy text,
  insurance_valid_until date,
  blacklist_reason text,
  blacklisted_at timestamptz,
  account_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, card_number),
  UNIQUE (tenant_id, unique_number)
);

CREATE INDEX customer_name ON customers.customer (tenant_id, name, id);
CREATE INDEX customer_phone_tokens ON customers.customer USING gin (phone_tokens);
CREATE INDEX customer_id_number ON customers.customer (tenant_id, id_number_index) WHERE id_number_index IS NOT NULL;
