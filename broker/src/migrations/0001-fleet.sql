-- Gateways (MQTT clients) and the devices bound to them (DESIGN §3). Owned by the broker.
CREATE SCHEMA IF NOT EXISTS fleet;

CREATE TABLE fleet.gateway (
  -- The MQTT username and a topic level: lower-case, digits, hyphens.
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{2,63}$'),
  tenant_id uuid NOT NULL,
  name text NOT NULL,
  -- scrypt, PHC string format (broker/src/registry/secret-hash.ts); the secret itself is never stored.
  secret_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Target of the device's (gateway_id, tenant_id) key: a device and its gateway share a tenant.
  UNIQUE (id, tenant_id)
);

CREATE TABLE fleet.device (
  kind text NOT NULL CHECK (kind IN ('cylinder', 'tank', 'pump', 'meter')),
  -- The asset id of the domain subgraph (a UUID for tanks); a topic level, so no '/', '+' or '#'.
  id text NOT NULL CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$'),
  tenant_id uuid NOT NULL,
  gateway_id text NOT NULL REFERENCES fleet.gateway (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id),
  FOREIGN KEY (gateway_id, tenant_id) REFERENCES fleet.gateway (id, tenant_id) ON UPDATE CASCADE
);
CREATE INDEX device_gateway_idx ON fleet.device (gateway_id);

-- Every writer notifies, so the broker's cached lookups (SqlDeviceRegistry) drop what changed.
CREATE FUNCTION fleet.notify_gateway_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('hearth_fleet', json_build_object('table', 'gateway', 'id', OLD.id)::text);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('hearth_fleet', json_build_object('table', 'gateway', 'id', NEW.id)::text);
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION fleet.notify_device_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('hearth_fleet', json_build_object('table', 'device', 'kind', OLD.kind, 'id', OLD.id)::text);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('hearth_fleet', json_build_object('table', 'device', 'kind', NEW.kind, 'id', NEW.id)::text);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER gateway_notify AFTER INSERT OR UPDATE OR DELETE ON fleet.gateway
  FOR EACH ROW EXECUTE FUNCTION fleet.notify_gateway_change();
CREATE TRIGGER device_notify AFTER INSERT OR UPDATE OR DELETE ON fleet.device
  FOR EACH ROW EXECUTE FUNCTION fleet.notify_device_change();
