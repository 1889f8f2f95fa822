-- Connected cylinders (smart bases, trackers): twins and the weights they report (a hypertable).
CREATE SCHEMA IF NOT EXISTS twins;

CREATE TABLE twins.cylinder_twin (
  tenant_id uuid NOT NULL,
  device_id text NOT NULL,
  state jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, device_id)
);

CREATE TABLE twins.cylinder_reading (
  time timestamptz NOT NULL,
  tenant_id uuid NOT NULL,
  cylinder_id text NOT NULL,
  -- The broker holds readings to the contract's ranges; these are the storable guard (STORABLE_MAGNITUDE).
  gross_kg double precision NOT NULL CHECK (gross_kg BETWEEN -1e12 AND 1e12),
  battery_percent double precision CHECK (battery_percent BETWEEN 0 AND 100),
  seq bigint,
  received_at timestamptz NOT NULL
);
SELECT create_hypertable('twins.cylinder_reading', by_range('time', INTERVAL '7 days'));
CREATE INDEX cylinder_reading_cylinder_time ON twins.cylinder_reading (tenant_id, cylinder_id, time DESC);
-- Records of cylinders are kept at least two years (TSG 23-2021); as long as the cylinders' own events.
SELECT add_retention_policy('twins.cylinder_reading', INTERVAL '1100 days');
