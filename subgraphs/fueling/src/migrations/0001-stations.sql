-- Fuel stations (加油站): grades, stations, their pumps (fuelling points) and nozzles, and prices
-- with the instant each takes effect. Pumps are devices of kind `pump`: the twins service reads
-- `fueling.pump` and `fueling.nozzle` as a contract (id, tenant, station, nozzle grades).
CREATE SCHEMA IF NOT EXISTS fueling;

-- What a company sells: 92#, 95#, 98# gasoline (GB 17930), 0# diesel (GB 19147), LPG autogas (GB 19159), CNG, LNG.
CREATE TABLE fueling.grade (
  tenant_id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9#\-]{1,16}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  product text NOT NULL CHECK (product IN ('GASOLINE', 'DIESEL', 'LPG', 'CNG', 'LNG')),
  PRIMARY KEY (tenant_id, code)
);

-- A fuel station: a site of the tanks subgraph that sells fuel, where it stands (impossible travel
-- between stations is judged from it), and how long its controller may sell on cards while it
-- cannot reach Hearth (offline sales upload later; past the window it stops taking cards).
CREATE TABLE fueling.station (
  tenant_id uuid NOT NULL,
  site_id uuid NOT NULL,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  offline_card_window_minutes integer NOT NULL DEFAULT 60 CHECK (offline_card_window_minutes BETWEEN 0 AND 10080),
  -- The card-list version (blacklist and greylist increments) the station's controller confirmed it holds.
  card_list_version bigint NOT NULL DEFAULT 0,
  card_list_confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, site_id)
);

-- A pump (IFSF fuelling point) on a dispenser: a device of kind `pump`, its id the device id. An id
-- belongs to one company (as a filling scale's), so twins keyed by device id never mix companies.
CREATE TABLE fueling.pump (
  tenant_id uuid NOT NULL,
  id text NOT NULL CHECK (id ~ '^[A-Za-z0-9._:\-]{1,64}$'),
  station_id uuid NOT NULL,
  dispenser text NOT NULL CHECK (length(dispenser) BETWEEN 1 AND 32),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, station_id) REFERENCES fueling.station (tenant_id, site_id)
);
CREATE UNIQUE INDEX pump_id_one_company ON fueling.pump (id);
-- A station's pumps are listed with it and checked when it changes.
CREATE INDEX pump_station ON fueling.pump (tenant_id, station_id);

-- A nozzle of a pump, the grade it delivers and the underground tank (a tank of the tanks subgraph) it draws from.
CREATE TABLE fueling.nozzle (
  tenant_id uuid NOT NULL,
  pump_id text NOT NULL,
  number integer NOT NULL CHECK (number BETWEEN 1 AND 8),
  grade_code text NOT NULL,
  tank_id uuid,
  PRIMARY KEY (tenant_id, pump_id, number),
  FOREIGN KEY (tenant_id, pump_id) REFERENCES fueling.pump (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, grade_code) REFERENCES fueling.grade (tenant_id, code)
);

-- A grade's price per litre in fen from an instant on, for one station or (station null) every
-- station of the company. Prices are never edited: a change is a new row effective at its time.
CREATE TABLE fueling.price (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  grade_code text NOT NULL,
  station_id uuid,
  unit_price_minor bigint NOT NULL CHECK (unit_price_minor BETWEEN 1 AND 1000000),
  effective_at timestamptz NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, grade_code) REFERENCES fueling.grade (tenant_id, code)
);
CREATE UNIQUE INDEX price_one_per_instant ON fueling.price (tenant_id, grade_code, coalesce(station_id, '00000000-0000-0000-0000-000000000000'::uuid), effective_at);
CREATE INDEX price_effective ON fueling.price (tenant_id, effective_at);
