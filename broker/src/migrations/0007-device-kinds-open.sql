-- The device kinds are the MQTT contract's `{kind}` level, listed once in code (broker/src/topics.ts)
-- and extended by registering a twin kind: the table keeps only their form, not a second list.
ALTER TABLE fleet.device DROP CONSTRAINT IF EXISTS device_kind_check;
ALTER TABLE fleet.device ADD CONSTRAINT device_kind_form CHECK (kind ~ '^[a-z][a-z0-9-]{1,31}$');
