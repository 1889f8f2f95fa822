-- Supply (阈值、跳闸、复电): each meter's balance against its company's policy decides alarms and the
-- relay (the pure `decideSupply`); the decisions are written here once, and the twins' meter kind
-- carries each out once (commands, alarms).

-- A company's supply policy; a company without a row has the defaults (`DEFAULT_SUPPLY_POLICY`).
CREATE TABLE metering.supply_policy (
  tenant_id uuid PRIMARY KEY,
  alarm1_minor bigint NOT NULL,
  alarm2_minor bigint NOT NULL,
  -- The overdraft allowed before the trip: the floor is −emergency_credit_minor (the wallet's credit
  -- limit must allow it, or charges past the limit are UNFUNDED while the meter is still on).
  emergency_credit_minor bigint NOT NULL CHECK (emergency_credit_minor >= 0),
  reconnect_minor bigint NOT NULL,
  reconnect_action text NOT NULL CHECK (reconnect_action IN ('ALLOW_CLOSE', 'CLOSE')),
  -- Friendly-credit windows: no trip at night (local 'HH:MM' from–to, null: none), at weekends, on holidays.
  friendly_nights_from text CHECK (friendly_nights_from ~ '^[0-2][0-9]:[0-5][0-9]$'),
  friendly_nights_to text CHECK (friendly_nights_to ~ '^[0-2][0-9]:[0-5][0-9]$'),
  friendly_weekends boolean NOT NULL DEFAULT false,
  friendly_holidays boolean NOT NULL DEFAULT false,
  holidays date[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  CHECK ((friendly_nights_from IS NULL) = (friendly_nights_to IS NULL))
);

-- One supply decision. The twins' meter kind follows this table by (created_at, id) and carries out
-- each row once: NOTIFY_ALARM1 an alarm, ALARM the meter's alarm command, TRIP / ALLOW_CLOSE / CLOSE
-- the relay command. Written with `metering.meter.relay_intended` and `alarm_level` in one
-- transaction, the meter's row locked: a decision is made once however many instances evaluate.
CREATE TABLE metering.supply_event (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL,
  meter_id uuid NOT NULL,
  action text NOT NULL CHECK (action IN ('NOTIFY_ALARM1', 'ALARM', 'TRIP', 'ALLOW_CLOSE', 'CLOSE')),
  reason text NOT NULL CHECK (reason IN ('BALANCE_ALARM1', 'BALANCE_ALARM2', 'BALANCE_FLOOR', 'TOP_UP', 'PROTECTION_ENDED', 'OPERATOR')),
  balance_minor bigint,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX supply_event_created ON metering.supply_event (created_at, id);
CREATE INDEX supply_event_meter ON metering.supply_event (tenant_id, meter_id, created_at DESC);
