-- Transfer orders (调拨单): cylinders carried between the company's sites (depot, filling station,
-- store), with their planned lines, the cylinders scanned onto the truck, and what went missing.
-- The cylinders themselves move only through moveCylinders (ADR 0016); these tables are the document.
CREATE SCHEMA IF NOT EXISTS cylinders;

-- The last number issued per tenant and year: TR-2026-000042 (locked until the order commits).
CREATE TABLE cylinders.transfer_order_number (
  tenant_id uuid NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (tenant_id, year)
);

CREATE TABLE cylinders.transfer_order (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  number text NOT NULL,
  type text NOT NULL CHECK (type IN ('FULL_OUT', 'FULL_IN', 'EMPTY_OUT', 'EMPTY_BACK')),
  state text NOT NULL CHECK (state IN ('DRAFT', 'LOADING', 'DISPATCHED', 'RECEIVED', 'CLOSED', 'CANCELLED')),
  -- Sites of the tanks subgraph (checked to be the tenant's when the order is made).
  from_site_id uuid NOT NULL,
  to_site_id uuid NOT NULL,
  CHECK (from_site_id <> to_site_id),
  driver text,
  vehicle_plate text,
  note text,
  -- At sign-off: how many loaded cylinders arrived, and how many did not (each a discrepancy).
  received_count integer CHECK (received_count >= 0),
  missing_count integer CHECK (missing_count >= 0),
  sign_off_note text,
  cancel_reason text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz,
  received_at timestamptz,
  closed_at timestamptz,
  UNIQUE (tenant_id, number),
  UNIQUE (tenant_id, id)
);
-- The list, newest first (keyset on (created_at, id)), and by site.
CREATE INDEX transfer_order_list ON cylinders.transfer_order (tenant_id, created_at DESC, id DESC);
CREATE INDEX transfer_order_from ON cylinders.transfer_order (tenant_id, from_site_id, created_at DESC);
CREATE INDEX transfer_order_to ON cylinders.transfer_order (tenant_id, to_site_id, created_at DESC);

-- What the order plans to carry, per spec.
CREATE TABLE cylinders.transfer_line (
  tenant_id uuid NOT NULL,
  order_id uuid NOT NULL,
  spec_code text NOT NULL,
  planned integer NOT NULL CHECK (planned BETWEEN 1 AND 10000),
  PRIMARY KEY (order_id, spec_code),
  FOREIGN KEY (tenant_id, order_id) REFERENCES cylinders.transfer_order (tenant_id, id),
  FOREIGN KEY (tenant_id, spec_code) REFERENCES cylinders.spec (tenant_id, code)
);

-- Each cylinder scanned onto the truck. `active` while the order is loading: a cylinder is on one
-- loading order at a time (the partial unique index decides a race between two orders); cleared at
-- dispatch (the cylinder's own transfer_order_id takes over) and at cancellation. `received` is
-- set at sign-off.
CREATE TABLE cylinders.transfer_scan (
  tenant_id uuid NOT NULL,
  order_id uuid NOT NULL,
  cylinder_id uuid NOT NULL,
  spec_code text NOT NULL,
  scanned_at timestamptz NOT NULL DEFAULT now(),
  scanned_by text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  received boolean,
  PRIMARY KEY (order_id, cylinder_id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES cylinders.transfer_order (tenant_id, id),
  FOREIGN KEY (tenant_id, cylinder_id) REFERENCES cylinders.cylinder (tenant_id, id)
);
CREATE UNIQUE INDEX transfer_scan_one_loading_order ON cylinders.transfer_scan (cylinder_id) WHERE active;

-- What did not match at sign-off: a loaded cylinder that did not arrive (MISSING, reported lost).
CREATE TABLE cylinders.transfer_discrepancy (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  order_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('MISSING')),
  cylinder_id uuid NOT NULL,
  spec_code text NOT NULL,
  note text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by text NOT NULL,
  UNIQUE (order_id, cylinder_id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES cylinders.transfer_order (tenant_id, id)
);
