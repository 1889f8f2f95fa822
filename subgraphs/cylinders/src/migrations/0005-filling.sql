-- Filling (充装): production filling orders by shift, one record per fill taken in from the scales'
-- `twins.scale_fill`, and the intake's durable cursor. TSG 23-2021: filling records kept at least
-- two years (no retention policy: they stay).

-- A production filling order (生产充装单): one station, one shift of one day, one team, one spec.
CREATE TABLE cylinders.filling_order (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  station_id uuid NOT NULL,
  shift_date date NOT NULL,
  -- DAY, NIGHT, or the station's own name for it.
  shift text NOT NULL CHECK (length(shift) BETWEEN 1 AND 32),
  team text CHECK (length(team) BETWEEN 1 AND 64),
  spec_code text NOT NULL,
  planned_count integer CHECK (planned_count >= 0),
  opened_at timestamptz NOT NULL DEFAULT now(),
  opened_by text NOT NULL,
  closed_at timestamptz,
  closed_by text,
  FOREIGN KEY (tenant_id, station_id) REFERENCES cylinders.filling_station (tenant_id, site_id),
  FOREIGN KEY (tenant_id, spec_code) REFERENCES cylinders.spec (tenant_id, code),
  CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
  CHECK (closed_at IS NULL OR closed_at >= opened_at)
);
-- A fill attaches to the one open order of its station and spec.
CREATE UNIQUE INDEX filling_order_open_once ON cylinders.filling_order (tenant_id, station_id, spec_code) WHERE closed_at IS NULL;
CREATE INDEX filling_order_list ON cylinders.filling_order (tenant_id, opened_at DESC, id DESC);
CREATE INDEX filling_order_station_day ON cylinders.filling_order (tenant_id, station_id, shift_date);

-- One record per fill, with the scale fill's id: a fill read twice is recorded once.
CREATE TABLE cylinders.fill_record (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  -- The registered cylinder the tag names; null: none of the tenant's (a bypassed interlock).
  cylinder_id uuid,
  tag text NOT NULL,
  scale_id text NOT NULL,
  -- The scale's station when the fill was taken in; null: a scale the registry does not know.
  station_id uuid,
  filling_order_id uuid REFERENCES cylinders.filling_order (id),
  spec_code text,
  operator text,
  tare_kg double precision NOT NULL,
  gross_kg double precision NOT NULL,
  net_kg double precision NOT NULL,
  filled_at timestamptz NOT NULL,
  -- Whether the scale had been released for this tag (false: the interlock was bypassed).
  released boolean NOT NULL,
  overfill boolean NOT NULL,
  -- Why the cylinder could not move to FILLED (the lifecycle's reason); null: it did.
  refusal text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fill_record_station ON cylinders.fill_record (tenant_id, station_id, filled_at DESC, id DESC);
CREATE INDEX fill_record_scale ON cylinders.fill_record (tenant_id, scale_id, filled_at DESC, id DESC);
CREATE INDEX fill_record_cylinder ON cylinders.fill_record (tenant_id, cylinder_id, filled_at DESC, id DESC) WHERE cylinder_id IS NOT NULL;
CREATE INDEX fill_record_tenant ON cylinders.fill_record (tenant_id, filled_at DESC, id DESC);
CREATE INDEX fill_record_order ON cylinders.fill_record (filling_order_id) WHERE filling_order_id IS NOT NULL;

-- How far the intake has read `twins.scale_fill`, by (received_at, id). It starts at the beginning:
-- every fill the scales ever stored is a filling record to keep.
CREATE TABLE cylinders.fill_intake_cursor (
  name text PRIMARY KEY,
  received_at timestamptz NOT NULL,
  fill_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO cylinders.fill_intake_cursor (name, received_at, fill_id) VALUES ('twins.scale_fill', '1970-01-01 00:00:00+00', '00000000-0000-0000-0000-000000000000');
