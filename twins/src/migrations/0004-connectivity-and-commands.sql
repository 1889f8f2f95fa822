-- Gateway twins (connectivity, GATEWAY_OFFLINE alarms), desired state and staleness on tank twins,
-- and the commands that carry desired state down to gateways.

-- Alarms now belong to gateways too, whose ids are text (MQTT usernames), not UUIDs.
ALTER TABLE twins.alarm ALTER COLUMN asset_id TYPE text;

ALTER TABLE twins.tank_twin
  -- Reported device state (valve, setpoints), kept apart from the measurements in `reported`.
  ADD COLUMN reported_state jsonb NOT NULL DEFAULT '{}',
  -- Per property: the value asked for, the command that asked, and when.
  ADD COLUMN desired jsonb NOT NULL DEFAULT '{}',
  -- The gateway is up but the tank has been silent past its kind's timeout.
  ADD COLUMN stale boolean NOT NULL DEFAULT false;

-- Reported device state kept in history beside the measurements.
ALTER TABLE twins.tank_sample ADD COLUMN inlet_valve_open boolean, ADD COLUMN high_high_setpoint_mm double precision;

CREATE TABLE twins.gateway_twin (
  gateway_id text PRIMARY KEY,
  tenant_id uuid NOT NULL,
  online boolean NOT NULL,
  -- When it last went online or offline.
  since timestamptz,
  last_seen_at timestamptz,
  version integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A command is also the audit record of a desired-state change: who asked for what, when, and how it ended.
CREATE TABLE twins.command (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  kind text NOT NULL,
  device_id text NOT NULL,
  -- The gateway the device was bound to when it was asked for, or last sent through.
  gateway_id text NOT NULL,
  desired jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'ACCEPTED', 'REJECTED', 'DONE', 'EXPIRED', 'CANCELLED')),
  reason text,
  -- The principal of the signed context: `user:<id>`, `apiKey:<id>`, `service:<id>`.
  requested_by text NOT NULL,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  sent_at timestamptz,
  send_count integer NOT NULL DEFAULT 0,
  accepted_at timestamptz,
  -- Done, rejected, expired or cancelled.
  completed_at timestamptz,
  cancelled_by text
);
CREATE INDEX command_tenant_time ON twins.command (tenant_id, created_at DESC, id DESC);
CREATE INDEX command_device_time ON twins.command (kind, device_id, created_at DESC);
CREATE INDEX command_open ON twins.command (gateway_id, created_at) WHERE status IN ('PENDING', 'SENT');
