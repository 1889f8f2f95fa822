-- The cylinder registry (钢瓶档案): specs, filling stations and their scales, cylinders, and every
-- cylinder's append-only life (TSG 23-2021: filling records kept at least two years).
CREATE SCHEMA IF NOT EXISTS cylinders;

-- Cylinder specs per tenant (GB 5842 sizes are installed for a tenant on first use; each is editable).
CREATE TABLE cylinders.spec (
  tenant_id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9.\-]{1,32}$'),
  name text NOT NULL,
  water_capacity_l double precision NOT NULL CHECK (water_capacity_l > 0),
  nominal_tare_kg double precision NOT NULL CHECK (nominal_tare_kg > 0),
  max_fill_kg double precision NOT NULL CHECK (max_fill_kg > 0),
  tolerance_kg double precision NOT NULL CHECK (tolerance_kg >= 0),
  inspection_interval_years integer NOT NULL CHECK (inspection_interval_years BETWEEN 1 AND 10),
  design_life_years integer NOT NULL CHECK (design_life_years BETWEEN 1 AND 50),
  deposit_minor bigint NOT NULL DEFAULT 0 CHECK (deposit_minor >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, code)
);

-- A filling station (a site of the tanks subgraph) and the company whose cylinders it fills.
CREATE TABLE cylinders.filling_station (
  tenant_id uuid NOT NULL,
  site_id uuid NOT NULL,
  company text NOT NULL CHECK (length(company) BETWEEN 1 AND 64),
  -- The tank the station fills from (a tank of the tanks subgraph): a shift's fills reconcile against it.
  source_tank_id uuid,
  PRIMARY KEY (tenant_id, site_id)
);

-- A filling scale: a device of kind `scale` (its id is its device id) on a station's filling line.
CREATE TABLE cylinders.filling_scale (
  tenant_id uuid NOT NULL,
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  station_id uuid NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, station_id) REFERENCES cylinders.filling_station (tenant_id, site_id)
);

CREATE TABLE cylinders.cylinder (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  -- 钢印号: the serial stamped on the collar.
  serial text NOT NULL CHECK (length(serial) BETWEEN 1 AND 64),
  -- The RFID EPC or QR code: unique everywhere, so a consumer's scan names one cylinder.
  tag text NOT NULL CHECK (length(tag) BETWEEN 4 AND 128),
  spec_code text NOT NULL,
  manufacturer text NOT NULL,
  manufactured_on date NOT NULL,
  design_life_years integer NOT NULL CHECK (design_life_years BETWEEN 1 AND 50),
  last_inspected_on date,
  next_inspection_due date NOT NULL,
  owner_company text NOT NULL,
  -- 定点充装: the one station that may fill it; null: any station of its owner.
  fixed_station_id uuid,
  state text NOT NULL CHECK (state IN ('REGISTERED', 'EMPTY_STOCK', 'FILLED', 'FULL_STOCK', 'IN_TRANSIT', 'AT_CUSTOMER', 'RETURNED', 'INSPECTION', 'LOST', 'SCRAPPED')),
  -- Where it is: a site when in stock (or being filled, inspected); null in transit or at a customer.
  location_site_id uuid,
  holder_customer_id uuid,
  transfer_order_id uuid,
  -- In transit: whether it travels full.
  in_transit_full boolean,
  last_fill_id uuid,
  last_filled_at timestamptz,
  last_fill_station_id uuid,
  last_net_kg double precision,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, serial),
  UNIQUE (tag),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, spec_code) REFERENCES cylinders.spec (tenant_id, code),
  CHECK ((state = 'AT_CUSTOMER') = (holder_customer_id IS NOT NULL)),
  CHECK ((state = 'IN_TRANSIT') = (transfer_order_id IS NOT NULL AND in_transit_full IS NOT NULL)),
  CHECK (state IN ('IN_TRANSIT', 'AT_CUSTOMER', 'LOST') OR location_site_id IS NOT NULL)
);
-- Stock by location and state; a holder's cylinders; serial search by prefix.
CREATE INDEX cylinder_stock ON cylinders.cylinder (tenant_id, location_site_id, state, spec_code);
CREATE INDEX cylinder_holder ON cylinders.cylinder (tenant_id, holder_customer_id) WHERE holder_customer_id IS NOT NULL;
CREATE INDEX cylinder_transfer ON cylinders.cylinder (transfer_order_id) WHERE transfer_order_id IS NOT NULL;
CREATE INDEX cylinder_serial_prefix ON cylinders.cylinder (tenant_id, serial text_pattern_ops);

-- Every move of every cylinder: what, who, where, with which device, when, and the document it
-- belongs to. Append-only; kept three years (beyond the two TSG 23-2021 asks).
CREATE TABLE cylinders.cylinder_event (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  cylinder_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  event text NOT NULL CHECK (event IN ('REGISTER', 'STOCK_IN_EMPTY', 'FILL', 'STOCK_IN_FULL', 'DISPATCH', 'RECEIVE', 'HAND_OVER', 'TAKE_BACK',
    'SEND_TO_INSPECTION', 'PASS_INSPECTION', 'REPORT_LOST', 'FIND', 'SCRAP', 'UPDATE', 'FILL_REFUSED')),
  from_state text,
  to_state text NOT NULL,
  site_id uuid,
  device_id text,
  actor text NOT NULL,
  -- The document it belongs to: `transfer:<id>`, `fill:<id>`, `handover:<id>`, `import:<id>` …
  ref text,
  details jsonb NOT NULL DEFAULT '{}'
);
SELECT create_hypertable('cylinders.cylinder_event', by_range('at', INTERVAL '30 days'));
CREATE INDEX cylinder_event_cylinder ON cylinders.cylinder_event (tenant_id, cylinder_id, at DESC, id DESC);
CREATE INDEX cylinder_event_tenant_day ON cylinders.cylinder_event (tenant_id, event, at DESC);
SELECT add_retention_policy('cylinders.cylinder_event', INTERVAL '1100 days');
CREATE FUNCTION cylinders.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;
CREATE TRIGGER cylinder_event_append_only BEFORE UPDATE OR DELETE ON cylinders.cylinder_event
  FOR EACH ROW EXECUTE FUNCTION cylinders.refuse_change();

-- The published contract the twins service reads to decide a scale (scale kind): one row per
-- cylinder with what the filling check needs, and the committed state it decides from.
CREATE VIEW cylinders.filling_check AS
SELECT c.tenant_id, c.id, c.tag, c.serial, c.state, c.owner_company, c.fixed_station_id::text AS fixed_station_id,
       c.next_inspection_due::text AS next_inspection_due,
       ((c.manufactured_on + make_interval(years => c.design_life_years))::date - 1)::text AS design_life_ends,
       s.code AS spec_code, s.max_fill_kg, s.tolerance_kg, s.nominal_tare_kg
  FROM cylinders.cylinder c JOIN cylinders.spec s ON s.tenant_id = c.tenant_id AND s.code = c.spec_code;

-- And the scales: which station each stands at, and the company that station fills for.
CREATE VIEW cylinders.scale_place AS
SELECT f.tenant_id, f.id AS scale_id, f.station_id::text AS station_id, s.company
  FROM cylinders.filling_scale f JOIN cylinders.filling_station s ON s.tenant_id = f.tenant_id AND s.site_id = f.station_id;
