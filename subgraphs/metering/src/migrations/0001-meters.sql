-- Prepaid meters (预付费电表、燃气表): electricity meters in mall units and gas meters at homes, each
-- bound to a customer's ledger wallet and a tariff. The twins' meter kind reads `id, tenant_id, kind,
-- site_id` as a contract (asset check and places); the metering service's other areas (charges,
-- supply, statements) read the rest.
CREATE SCHEMA IF NOT EXISTS metering;

CREATE TABLE metering.meter (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ELECTRICITY', 'GAS')),
  -- The meter's address: DL/T 645-2007 addresses electricity meters by 12 decimal digits (6 BCD bytes).
  serial text NOT NULL CHECK (serial ~ '^[A-Za-z0-9\-]{1,32}$' AND (kind <> 'ELECTRICITY' OR serial ~ '^[0-9]{12}$')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  -- A site of the tanks subgraph (the mall, the home), checked in its table.
  site_id uuid,
  -- Bound: the customer of the customers subgraph and that customer's wallet (`ledger.account`), together.
  customer_id uuid,
  account_id uuid,
  tariff_id uuid,
  -- Protected supply (保电): never tripped for money while it holds (until `protected_until`, when given).
  supply_protected boolean NOT NULL DEFAULT false,
  protected_reason text CHECK (length(protected_reason) BETWEEN 1 AND 200),
  protected_until timestamptz,
  -- What the metering service decided for the relay (the twin carries it out and reports what the meter says).
  relay_intended text NOT NULL DEFAULT 'CLOSED' CHECK (relay_intended IN ('CLOSED', 'OPEN')),
  alarm_level text NOT NULL DEFAULT 'NONE' CHECK (alarm_level IN ('NONE', 'ALARM1', 'ALARM2')),
  replaced_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, serial),
  UNIQUE (tenant_id, id),
  CHECK ((customer_id IS NULL) = (account_id IS NULL)),
  CHECK (NOT supply_protected OR protected_reason IS NOT NULL),
  FOREIGN KEY (tenant_id, replaced_by) REFERENCES metering.meter (tenant_id, id)
);
-- Listed in the order registered, a page at a time; by site (a mall's meters) and by wallet (a top-up's meters).
CREATE INDEX meter_by_created ON metering.meter (tenant_id, created_at, id);
CREATE INDEX meter_by_site ON metering.meter (tenant_id, site_id) WHERE site_id IS NOT NULL;
CREATE INDEX meter_by_customer ON metering.meter (tenant_id, customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX meter_by_account ON metering.meter (account_id) WHERE account_id IS NOT NULL;
