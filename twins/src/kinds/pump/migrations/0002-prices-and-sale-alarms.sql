-- Prices sent to the pumps, and alarms raised for anomalous sales: how far the pump kind has read
-- the fueling service's `fueling.price` (by (effective_at, id), rows whose time has come) and
-- `fueling.sale` (by (settled_at, id)), and what it did with each row, once across instances.

-- Both start now: a price in effect before this migration was set on the pumps by whatever priced
-- them before, and a sale settled before it was reviewed by the same means.
CREATE TABLE twins.pump_price_cursor (
  name text PRIMARY KEY,
  effective_at timestamptz NOT NULL,
  price_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO twins.pump_price_cursor (name, effective_at, price_id) VALUES ('fueling.price', now(), '00000000-0000-0000-0000-000000000000');

-- One row per (price change, pump it applies to): the outbox of SET_PRICES commands. A price's
-- pumps are noted DUE when its time comes; one instance takes a pump's DUE rows (SENDING), sends the
-- pump one command with every price in effect for its nozzles, and marks them SENT with that
-- command; NOT_BOUND when the pump is bound to no gateway. `FuelPrice.rollout` counts these rows.
CREATE TABLE twins.pump_price_send (
  price_id uuid NOT NULL,
  pump_id text NOT NULL,
  tenant_id uuid NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('DUE', 'SENDING', 'SENT', 'NOT_BOUND')),
  command_id uuid,
  noted_at timestamptz NOT NULL DEFAULT now(),
  taken_at timestamptz,
  PRIMARY KEY (price_id, pump_id)
);
CREATE INDEX pump_price_send_open ON twins.pump_price_send (tenant_id, pump_id) WHERE outcome IN ('DUE', 'SENDING');
CREATE INDEX pump_price_send_pump ON twins.pump_price_send (pump_id, outcome);

CREATE TABLE twins.pump_sale_cursor (
  name text PRIMARY KEY,
  settled_at timestamptz NOT NULL,
  sale_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO twins.pump_sale_cursor (name, settled_at, sale_id) VALUES ('fueling.sale', now(), '00000000-0000-0000-0000-000000000000');

-- Each anomalous sale's alarms raised once, whichever instance read it first and however often the
-- look-back window reads it again: the claim and the alarms are written in one transaction.
CREATE TABLE twins.pump_sale_alarm (
  sale_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  pump_id text NOT NULL,
  alarm_ids uuid[] NOT NULL,
  raised_at timestamptz NOT NULL DEFAULT now()
);
-- Claims are needed only as long as the look-back window re-reads their sales.
CREATE INDEX pump_sale_alarm_raised ON twins.pump_sale_alarm (raised_at);
