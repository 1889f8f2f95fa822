-- Sites (depots, filling stations, customer premises) and their storage tanks.
CREATE SCHEMA IF NOT EXISTS tanks;

CREATE TABLE tanks.site (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  address text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code)
);

CREATE TABLE tanks.tank (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  site_id uuid NOT NULL REFERENCES tanks.site (id),
  name text NOT NULL,
  product text NOT NULL,
  capacity_liters double precision NOT NULL CHECK (capacity_liters > 0),
  -- LPG: 85 % by volume at the reference temperature (configurable per tank).
  max_fill_percent double precision NOT NULL DEFAULT 85 CHECK (max_fill_percent > 0 AND max_fill_percent <= 100),
  density_kg_per_l double precision NOT NULL CHECK (density_kg_per_l > 0),
  reference_temperature_c double precision NOT NULL DEFAULT 15,
  expansion_per_k double precision NOT NULL DEFAULT 0.0027,
  high_high_mm double precision,
  high_mm double precision,
  low_mm double precision,
  low_low_mm double precision,
  alarm_deadband_mm double precision NOT NULL DEFAULT 10 CHECK (alarm_deadband_mm >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, site_id, name)
);
CREATE INDEX tank_tenant_name_idx ON tanks.tank (tenant_id, name, id);

-- Versioned calibration: a new certificate adds a version, old readings keep their meaning.
CREATE TABLE tanks.strapping_table (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  tank_id uuid NOT NULL REFERENCES tanks.tank (id),
  version integer NOT NULL,
  points jsonb NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tank_id, version)
);

-- The published contract the twins service reads: one row per tank with what the twin needs.
CREATE VIEW tanks.tank_twin_config AS
SELECT t.id, t.tenant_id, t.capacity_liters, t.max_fill_percent, t.density_kg_per_l,
       t.reference_temperature_c, t.expansion_per_k,
       t.high_high_mm, t.high_mm, t.low_mm, t.low_low_mm, t.alarm_deadband_mm,
       (SELECT s.points FROM tanks.strapping_table s WHERE s.tank_id = t.id ORDER BY s.version DESC LIMIT 1) AS strapping_points
  FROM tanks.tank t;

-- Any writer of tank configuration tells the twins which tank changed.
CREATE FUNCTION tanks.notify_tank_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hearth_tank_config', COALESCE(NEW.id, OLD.id)::text);
  RETURN NULL;
END $$;
CREATE FUNCTION tanks.notify_strapping_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hearth_tank_config', COALESCE(NEW.tank_id, OLD.tank_id)::text);
  RETURN NULL;
END $$;
CREATE TRIGGER tank_config_changed AFTER INSERT OR UPDATE OR DELETE ON tanks.tank FOR EACH ROW EXECUTE FUNCTION tanks.notify_tank_changed();
CREATE TRIGGER strapping_changed AFTER INSERT OR UPDATE OR DELETE ON tanks.strapping_table FOR EACH ROW EXECUTE FUNCTION tanks.notify_strapping_changed();
