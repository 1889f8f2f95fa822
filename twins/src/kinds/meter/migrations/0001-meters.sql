-- Prepaid meters (electricity and gas): twins, the register readings the metering service charges
-- (a hypertable it follows by (received_at, id)), and what the kind carried out of the metering
-- service's supply decisions (`metering.supply_event`), once across twins instances.
CREATE SCHEMA IF NOT EXISTS twins;

CREATE TABLE twins.meter_twin (
  tenant_id uuid NOT NULL,
  device_id text NOT NULL,
  state jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, device_id)
);

-- The contract the metering service reads (with a durable cursor by (received_at, id)), charging
-- each reading once. One row per register reading a meter reported, stored before its PUBACK; a
-- redelivery (same meter, same observed_at) is not stored again.
CREATE TABLE twins.meter_reading (
  id bigserial NOT NULL,
  tenant_id uuid NOT NULL,
  -- `metering.meter.id`: the `{deviceId}` of the meter's topics.
  meter_id uuid NOT NULL,
  -- The meter's `ts` (never later than receipt), else when this service received it.
  observed_at timestamptz NOT NULL,
  -- Milli-units: Wh for electricity (kWh × 1000), litres for gas (m³ × 1000).
  register_milli bigint NOT NULL CHECK (register_milli >= 0),
  -- What a local-prepay meter says is left on it (fen), when it says.
  remaining_money_minor bigint,
  relay text CHECK (relay IN ('OPEN', 'CLOSED')),
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (tenant_id, meter_id, observed_at)
);
SELECT create_hypertable('twins.meter_reading', by_range('observed_at', INTERVAL '30 days'));
CREATE INDEX meter_reading_received ON twins.meter_reading (received_at, id);
-- Readings are the evidence behind every charge: kept as long as the pumps' sales.
SELECT add_retention_policy('twins.meter_reading', INTERVAL '1100 days');

-- How far the meter kind has read the supply decisions (`metering.supply_event`, by (created_at,
-- id)); it starts now. The event's bigserial id is kept as a uuid of its hex digits (the cursor's
-- column is a uuid, ordered the same way).
CREATE TABLE twins.meter_supply_cursor (
  name text PRIMARY KEY,
  created_at timestamptz NOT NULL,
  event_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO twins.meter_supply_cursor (name, created_at, event_id) VALUES ('metering.supply_event', now(), '00000000-0000-0000-0000-000000000000');

-- Each supply decision carried out once, whichever twins instance read it first and however often
-- the look-back window reads it again: the claim commits with the event's alarms, then its command
-- is recorded. `outcome`: SENDING until the command is recorded, then SENT; MERGED when the relay
-- already stood (or was on its way) where the decision wants it; DONE for an action that sends
-- nothing (NOTIFY_ALARM1); NOT_BOUND when the meter is bound to no gateway.
CREATE TABLE twins.meter_supply_action (
  event_id bigint PRIMARY KEY,
  tenant_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  action text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('SENDING', 'SENT', 'MERGED', 'DONE', 'NOT_BOUND')),
  command_id uuid,
  carried_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meter_supply_action_carried ON twins.meter_supply_action (carried_at);
