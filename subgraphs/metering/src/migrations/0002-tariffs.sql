-- Tariffs (电价、气价): flat, tiered (阶梯, cumulative per billing period) or time-of-use (分时: sharp,
-- peak, flat, valley by time of day, with a holiday calendar), each a series of versions that take
-- effect at an instant and are never back-dated. A version's `structure` is the pure rules'
-- `TariffStructure` (platform/src/domain) as JSON; prices are integer ten-thousandths of a yuan per
-- kWh or m³ (`unitPriceE4`), tier bounds milli-units (Wh, litres).
CREATE TABLE metering.tariff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ELECTRICITY', 'GAS')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  -- A landlord's resale tariff: no price above the version's official price plus this mark-up (null: no cap).
  markup_cap_percent numeric(7, 2) CHECK (markup_cap_percent BETWEEN 0 AND 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, name)
);
CREATE INDEX tariff_by_created ON metering.tariff (tenant_id, created_at, id);

CREATE TABLE metering.tariff_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  tariff_id uuid NOT NULL,
  effective_from timestamptz NOT NULL,
  structure jsonb NOT NULL CHECK (structure->>'type' IN ('FLAT', 'TIERED', 'TOU')),
  -- Days the holiday time-of-use slots apply (the company's calendar days).
  holidays date[] NOT NULL DEFAULT '{}',
  -- The official (grid or utility) price a capped resale tariff is held to.
  official_unit_price_e4 integer CHECK (official_unit_price_e4 >= 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One version per instant: a scheduled one is corrected in place until it takes effect.
  UNIQUE (tenant_id, tariff_id, effective_from),
  FOREIGN KEY (tenant_id, tariff_id) REFERENCES metering.tariff (tenant_id, id)
);

-- A meter's tariff is one of its company's.
ALTER TABLE metering.meter ADD FOREIGN KEY (tenant_id, tariff_id) REFERENCES metering.tariff (tenant_id, id);
CREATE INDEX meter_by_tariff ON metering.meter (tenant_id, tariff_id) WHERE tariff_id IS NOT NULL;
