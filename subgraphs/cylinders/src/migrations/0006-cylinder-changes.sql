-- The published contract the twins service reads for connected cylinders (a smart base or tracker
-- reporting a cylinder's weight; the cylinder twin kind): one row per cylinder with the registry
-- facts its twin shows and decides from (remaining gas above the tare, expired cylinders in use).
CREATE VIEW cylinders.cylinder_twin_facts AS
SELECT c.tenant_id, c.id, c.state, c.location_site_id, c.holder_customer_id, c.last_filled_at, c.last_net_kg,
       c.next_inspection_due::text AS next_inspection_due,
       ((c.manufactured_on + make_interval(years => c.design_life_years))::date - 1)::text AS design_life_ends,
       s.code AS spec_code, s.nominal_tare_kg, s.max_fill_kg
  FROM cylinders.cylinder c JOIN cylinders.spec s ON s.tenant_id = c.tenant_id AND s.code = c.spec_code;

-- Any writer of a cylinder tells the twins which one changed, only when something the view shows
-- did (a filling service touching `updated_at` alone wakes nobody). PostgreSQL delivers it on commit.
CREATE FUNCTION cylinders.notify_cylinder_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hearth_cylinder_changed', COALESCE(NEW.id, OLD.id)::text);
  RETURN NULL;
END $$;
CREATE TRIGGER cylinder_twin_facts_changed AFTER UPDATE ON cylinders.cylinder FOR EACH ROW
  WHEN ((OLD.tenant_id, OLD.state, OLD.location_site_id, OLD.holder_customer_id, OLD.last_filled_at, OLD.last_net_kg, OLD.next_inspection_due,
         OLD.manufactured_on, OLD.design_life_years, OLD.spec_code)
        IS DISTINCT FROM
        (NEW.tenant_id, NEW.state, NEW.location_site_id, NEW.holder_customer_id, NEW.last_filled_at, NEW.last_net_kg, NEW.next_inspection_due,
         NEW.manufactured_on, NEW.design_life_years, NEW.spec_code))
  EXECUTE FUNCTION cylinders.notify_cylinder_changed();
-- Not on INSERT: a cylinder is bound as a device only once it is registered, so no twin waits for a
-- new one (an import of 10,000 would otherwise send 10,000 notices nobody needs).
CREATE TRIGGER cylinder_twin_facts_removed AFTER DELETE ON cylinders.cylinder FOR EACH ROW
  EXECUTE FUNCTION cylinders.notify_cylinder_changed();

-- A spec's tare or maximum fill changes every cylinder of it: one notification names the spec
-- (`spec:<tenant>:<code>`; codes hold no ':'), not one per cylinder of a fleet of thousands.
CREATE FUNCTION cylinders.notify_spec_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hearth_cylinder_changed', 'spec:' || NEW.tenant_id::text || ':' || NEW.code);
  RETURN NULL;
END $$;
CREATE TRIGGER spec_twin_facts_changed AFTER UPDATE ON cylinders.spec FOR EACH ROW
  WHEN ((OLD.nominal_tare_kg, OLD.max_fill_kg) IS DISTINCT FROM (NEW.nominal_tare_kg, NEW.max_fill_kg))
  EXECUTE FUNCTION cylinders.notify_spec_changed();
