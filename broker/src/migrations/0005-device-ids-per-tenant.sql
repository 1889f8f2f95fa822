-- Device ids are a namespace per tenant: two companies may both have `meter/m-1`. With one global
-- namespace, binding or importing an id another tenant held was refused, which told any tenant which
-- ids exist elsewhere. A publish is never ambiguous: it names its gateway, and a gateway belongs to
-- one tenant. Existing rows already satisfy the wider key.
ALTER TABLE fleet.device DROP CONSTRAINT device_pkey;
ALTER TABLE fleet.device ADD PRIMARY KEY (tenant_id, kind, id);
-- The primary key now serves what this index did (listing a tenant's devices).
DROP INDEX fleet.device_tenant_idx;

-- The notification names the tenant too, so the broker's registry drops only that tenant's entry.
-- The fields of 0004 stay as they were.
CREATE OR REPLACE FUNCTION fleet.notify_device_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('hearth_fleet', json_build_object('table', 'device', 'tenant', OLD.tenant_id, 'kind', OLD.kind, 'id', OLD.id, 'gateway', OLD.gateway_id)::text);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('hearth_fleet', json_build_object('table', 'device', 'tenant', NEW.tenant_id, 'kind', NEW.kind, 'id', NEW.id, 'gateway', NEW.gateway_id)::text);
  END IF;
  RETURN NULL;
END;
$$;
