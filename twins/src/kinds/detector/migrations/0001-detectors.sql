-- Gas-leak detectors: twins, readings (a hypertable) and each detector's alarm levels and valve.
CREATE SCHEMA IF NOT EXISTS twins;

CREATE TABLE twins.detector_twin (
  tenant_id uuid NOT NULL,
  device_id text NOT NULL,
  state jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, device_id)
);

CREATE TABLE twins.detector_reading (
  time timestamptz NOT NULL,
  tenant_id uuid NOT NULL,
  detector_id text NOT NULL,
  lel_percent double precision CHECK (lel_percent BETWEEN 0 AND 100),
  fault integer,
  seq bigint,
  received_at timestamptz NOT NULL
);
SELECT create_hypertable('twins.detector_reading', by_range('time', INTERVAL '7 days'));
CREATE INDEX detector_reading_detector_time ON twins.detector_reading (tenant_id, detector_id, time DESC);
-- Safety records are kept as long as tank records: beyond the two years the trade asks for.
SELECT add_retention_policy('twins.detector_reading', INTERVAL '1100 days');

CREATE TABLE twins.detector_config (
  tenant_id uuid NOT NULL,
  detector_id text NOT NULL,
  first_lel double precision NOT NULL,
  second_lel double precision NOT NULL,
  industrial boolean NOT NULL,
  valve_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (tenant_id, detector_id),
  CHECK (first_lel > 0 AND second_lel > first_lel AND second_lel <= 100)
);
