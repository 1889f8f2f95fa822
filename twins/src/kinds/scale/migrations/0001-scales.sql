-- Cylinder filling scales (ADR 0016): twins, and every fill they report (a hypertable).
CREATE SCHEMA IF NOT EXISTS twins;

CREATE TABLE twins.scale_twin (
  tenant_id uuid NOT NULL,
  device_id text NOT NULL,
  state jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, device_id)
);

-- One row per fill the scale reported (a redelivered message is recognised by its seq and not
-- stored again). The cylinders service takes them in by (received_at, id) with a durable cursor,
-- under the same id, so a fill read twice is recorded once.
CREATE TABLE twins.scale_fill (
  id uuid NOT NULL,
  time timestamptz NOT NULL,
  tenant_id uuid NOT NULL,
  scale_id text NOT NULL,
  tag text NOT NULL,
  -- The cylinder the scale was released for, when the fill was of its tag; null otherwise (a bypass).
  cylinder_id uuid,
  tare_kg double precision NOT NULL CHECK (tare_kg >= 0),
  gross_kg double precision NOT NULL CHECK (gross_kg >= 0),
  net_kg double precision NOT NULL CHECK (net_kg >= 0),
  operator text,
  -- Whether the interlock had released the scale for this tag.
  released boolean NOT NULL,
  -- Over the spec's maximum fill plus tolerance. Judged only for a released fill (otherwise the
  -- limits are unknown): false when released is false.
  overfill boolean NOT NULL,
  seq bigint,
  received_at timestamptz NOT NULL
);
SELECT create_hypertable('twins.scale_fill', by_range('time', INTERVAL '30 days'));
CREATE INDEX scale_fill_received ON twins.scale_fill (received_at, id);
CREATE INDEX scale_fill_scale_time ON twins.scale_fill (tenant_id, scale_id, time DESC);
-- Filling records are kept beyond the two years TSG 23-2021 asks, as the other kinds' records.
SELECT add_retention_policy('twins.scale_fill', INTERVAL '1100 days');

-- The cylinders service takes fills in as they are stored: one notice per committing batch (the
-- notices of a transaction with the same payload are delivered once), its poll the fallback.
CREATE FUNCTION twins.announce_scale_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('twins_scale_fill', '');
  RETURN NULL;
END $$;
CREATE TRIGGER scale_fill_announced AFTER INSERT ON twins.scale_fill FOR EACH ROW EXECUTE FUNCTION twins.announce_scale_fill();
