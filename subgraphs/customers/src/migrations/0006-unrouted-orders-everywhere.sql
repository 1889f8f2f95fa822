-- An order not yet routed to a store (a passer-by's gas-smell report, a customer without a supply
-- station) belongs to every desk until someone takes it: its changes are announced with the nil
-- uuid standing for "no store", which every store-filtered subscriber hears, also when the order
-- is routed away from it.
CREATE OR REPLACE FUNCTION customers.announce_service_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hearth_service_order_changed', json_build_object(
    'tenantId', NEW.tenant_id, 'id', NEW.id,
    'storeIds', ARRAY(SELECT DISTINCT coalesce(s, '00000000-0000-0000-0000-000000000000'::uuid)
                        FROM unnest(CASE WHEN TG_OP = 'UPDATE' THEN ARRAY[NEW.store_id, OLD.store_id] ELSE ARRAY[NEW.store_id] END) AS s))::text);
  RETURN NULL;
END $$;
