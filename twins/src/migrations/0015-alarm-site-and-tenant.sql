-- The site an alarm's asset stands at, recorded when it is raised (the alarm centre filters by site); tank alarms
-- raised before this migration take their tank's site.
ALTER TABLE twins.alarm ADD COLUMN site_id uuid;
DO $$
BEGIN
  -- The twins run beside the tanks domain; a database without it (a test of the twins alone) has no tank alarms to date.
  IF to_regclass('tanks.tank') IS NOT NULL THEN
    UPDATE twins.alarm a SET site_id = t.site_id FROM tanks.tank t WHERE a.asset_kind = 'tank' AND a.asset_id = t.id::text;
  END IF;
END $$;
CREATE INDEX alarm_tenant_site_time ON twins.alarm (tenant_id, site_id, raised_at DESC) WHERE site_id IS NOT NULL;
-- Device ids are a namespace per tenant (0013): two companies' detectors may both be `det-1`, so an open alarm is
-- one per tenant, asset and code (the index without the tenant refused the second company's alarm).
DROP INDEX twins.alarm_open_once;
CREATE UNIQUE INDEX alarm_open_once ON twins.alarm (tenant_id, asset_kind, asset_id, code) WHERE cleared_at IS NULL;
