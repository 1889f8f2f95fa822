-- A device change names the gateways it was and is bound to, so the broker's registry drops the
-- cached bindings of just those gateways (it loads a gateway's bindings in one query, not one per
-- device). The old payload fields stay as they were.
CREATE OR REPLACE FUNCTION fleet.notify_device_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('hearth_fleet', json_build_object('table', 'device', 'kind', OLD.kind, 'id', OLD.id, 'gateway', OLD.gateway_id)::text);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('hearth_fleet', json_build_object('table', 'device', 'kind', NEW.kind, 'id', NEW.id, 'gateway', NEW.gateway_id)::text);
  END IF;
  RETURN NULL;
END;
$$;
