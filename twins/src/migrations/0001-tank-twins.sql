-- Tank twins: latest state per tank, alarms, and the telemetry history (a hypertable).
CREATE SCHEMA IF NOT EXISTS twins;

CREATE TABLE twins.tank_twin (
  tank_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  gateway_id text,
  reported jsonb NOT NULL,
  reported_at timestamptz,
  derived jsonb NOT NULL,
  online boolean NOT NULL DEFAULT false,
  last_seen_at timestamptz,
  -- Highest `seq` stored: written in the same transaction as the samples, so a redelivery
  -- after a crash is recognised as a duplicate.
  last_seq bigint,
  version integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE twins.alarm (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  asset_kind text NOT NULL,
  asset_id uuid NOT NULL,
  code text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('CRITICAL', 'MAJOR', 'MINOR', 'WARNING')),
  state text NOT NULL CHECK (state IN ('ACTIVE', 'ACKNOWLEDGED', 'CLEARED')),
  message text NOT NULL,
  value double precision,
  raised_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  cleared_at timestamptz
);
-- One open alarm per asset and code: a condition cannot raise a second copy of itself.
CREATE UNIQUE INDEX alarm_open_once ON twins.alarm (asset_kind, asset_id, code) WHERE state <> 'CLEARED';
CREATE INDEX alarm_tenant_time ON twins.alarm (tenant_id, raised_at DESC);

CREATE TABLE twins.tank_sample (
  time timestamptz NOT NULL,
  tenant_id uuid NOT NULL,
  tank_id uuid NOT NULL,
  level_mm double precision,
  temperature_c double precision,
  pressure_kpa double precision,
  water_level_mm double precision,
  volume_liters double precision,
  fill_percent double precision,
  mass_kg double precision,
  seq bigint,
  received_at timestamptz NOT NULL
);
SELECT create_hypertable('twins.tank_sample', by_range('time', INTERVAL '1 day'));
CREATE INDEX tank_sample_tank_time ON twins.tank_sample (tank_id, time DESC);
ALTER TABLE twins.tank_sample SET (timescaledb.compress, timescaledb.compress_segmentby = 'tank_id', timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('twins.tank_sample', INTERVAL '7 days');
-- Records are kept well beyond the two years the trade asks for.
SELECT add_retention_policy('twins.tank_sample', INTERVAL '1100 days');
