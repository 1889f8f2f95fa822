-- Gas shut-off valves: twins and reported positions (a hypertable).
CREATE SCHEMA IF NOT EXISTS twins;

CREATE TABLE twins.valve_twin (
  tenant_id uuid NOT NULL,
  device_id text NOT NULL,
  state jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, device_id)
);

CREATE TABLE twins.valve_reading (
  time timestamptz NOT NULL,
  tenant_id uuid NOT NULL,
  valve_id text NOT NULL,
  open boolean,
  fault integer,
  seq bigint,
  received_at timestamptz NOT NULL
);
SELECT create_hypertable('twins.valve_reading', by_range('time', INTERVAL '7 days'));
CREATE INDEX valve_reading_valve_time ON twins.valve_reading (tenant_id, valve_id, time DESC);
SELECT add_retention_policy('twins.valve_reading', INTERVAL '1100 days');
