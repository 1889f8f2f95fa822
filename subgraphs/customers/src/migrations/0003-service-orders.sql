-- The customer service centre (客服中心, seed 000): service orders of every kind in one table, their
-- append-only history, each tenant's service commitments, and the intake of gas-leak alarms.
CREATE TABLE customers.service_order (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  -- Human readable, per tenant and year: SO-2026-000042.
  number text NOT NULL,
  type text NOT NULL CHECK (type IN ('DELIVERY', 'PICKUP', 'REPAIR', 'GAS_SMELL', 'COMPLAINT', 'SUGGESTION', 'CARE_CALL', 'CALLBACK')),
  status text NOT NULL CHECK (status IN ('RECEIVED', 'ASSIGNED', 'DISPATCHED', 'DELIVERED', 'COMPLETED', 'FAILED', 'CANCELLED')),
  -- Null only for a gas smell reported by someone who is not a customer: it is taken all the same.
  customer_id uuid REFERENCES customers.customer (id),
  CHECK (customer_id IS NOT NULL OR type = 'GAS_SMELL'),
  -- The store (a Site of the tanks subgraph) it is routed to, and who does it (a name or a user id).
  store_id uuid,
  assignee text,
  address text,
  -- Personal data as the customer's phones are kept: encrypted, and masked for display.
  phone_enc text,
  phone_masked text,
  requested_date date,
  time_slot text,
  cylinder_spec text,
  quantity integer CHECK (quantity BETWEEN 1 AND 99),
  notes text,
  -- Why it failed or was cancelled.
  reason text,
  -- Confirmed on site that the hazard is controlled (gas smell: required to complete).
  hazard_controlled boolean,
  -- Opened by a CRITICAL gas detector alarm (twins.alarm): one order per alarm.
  source_alarm_id uuid UNIQUE,
  detector_id text,
  lel_percent double precision,
  valve_open boolean,
  -- The SLA clock (sla/sla-clock.ts): started when reported (taken, or the alarm raised); deadline
  -- and warning (moved by every ended pause); time paused; the pause under way; the last escalation
  -- flagged and when.
  reported_at timestamptz NOT NULL,
  due_at timestamptz,
  warn_at timestamptz,
  paused_ms bigint NOT NULL DEFAULT 0 CHECK (paused_ms >= 0),
  paused_since timestamptz,
  escalation text CHECK (escalation IN ('AT_RISK', 'BREACHED')),
  escalated_at timestamptz,
  closed_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, number)
);
-- The queue: open orders by deadline first, those without one last (keyset on (closed, deadline, id)).
CREATE INDEX service_order_queue ON customers.service_order (tenant_id, (closed_at IS NOT NULL), (coalesce(due_at, '9999-12-31 00:00:00+00')), id);
CREATE INDEX service_order_customer ON customers.service_order (customer_id, created_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX service_order_store ON customers.service_order (tenant_id, store_id) WHERE closed_at IS NULL;
-- What the escalation check reads every few seconds, across tenants: open orders not yet breached.
CREATE INDEX service_order_escalation ON customers.service_order (warn_at)
  WHERE closed_at IS NULL AND paused_since IS NULL AND escalation IS DISTINCT FROM 'BREACHED';

-- Every committed change reaches the queue's subscribers on every instance: PostgreSQL delivers a
-- NOTIFY on commit, never for a rollback. Both stores of a re-routed order hear of it.
CREATE FUNCTION customers.announce_service_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hearth_service_order_changed', json_build_object(
    'tenantId', NEW.tenant_id, 'id', NEW.id,
    'storeIds', array_remove(ARRAY[NEW.store_id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.store_id END], NULL))::text);
  RETURN NULL;
END $$;
CREATE TRIGGER service_order_changed AFTER INSERT OR UPDATE ON customers.service_order
  FOR EACH ROW EXECUTE FUNCTION customers.announce_service_order();

-- Each order's history: who moved it, when, from what to what, and why. Never changed.
CREATE TABLE customers.service_order_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL,
  order_id uuid NOT NULL REFERENCES customers.service_order (id),
  at timestamptz NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('CREATED', 'STATUS_CHANGED', 'RECLASSIFIED', 'ESCALATED')),
  from_status text,
  to_status text,
  note text
);
CREATE INDEX service_order_event_order ON customers.service_order_event (order_id, id);
CREATE FUNCTION customers.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;
CREATE TRIGGER service_order_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON customers.service_order_event
  FOR EACH STATEMENT EXECUTE FUNCTION customers.refuse_change();

-- Order numbers: the last one issued per tenant and year (the row is locked until its order commits).
CREATE TABLE customers.service_order_number (
  tenant_id uuid NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (tenant_id, year)
);

-- A tenant's own service commitments over the defaults (sla-policy.ts): time zone, rules by type.
CREATE TABLE customers.service_sla_policy (
  tenant_id uuid PRIMARY KEY,
  overrides jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);

-- How far the intake of gas-leak alarms has read twins.alarm, by (raised_at, id): it survives a
-- restart, so no alarm raised while this service was down is missed. Alarms raised before this
-- service was first installed (beyond the intake's look-back) are history, not new orders.
CREATE TABLE customers.alarm_intake_cursor (
  name text PRIMARY KEY,
  raised_at timestamptz NOT NULL,
  alarm_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO customers.alarm_intake_cursor (name, raised_at, alarm_id) VALUES ('twins.alarm', now(), '00000000-0000-0000-0000-000000000000');
