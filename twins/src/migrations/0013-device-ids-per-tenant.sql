-- Device ids are a namespace per tenant (broker migration fleet/0005): two tenants may both have
-- `meter/m-1`, and a redelivery rule keyed by the device id alone would drop one tenant's reading
-- as a duplicate of the other's. The key of a stored sample names whose device it is. A hypertable's
-- unique index must include its partitioning column, `time`.
CREATE UNIQUE INDEX device_message_once_per_tenant ON twins.device_message (tenant_id, kind, device_id, channel, seq, time);
DROP INDEX twins.device_message_once;

-- A device's commands are looked up within its tenant.
CREATE INDEX command_tenant_device_time ON twins.command (tenant_id, kind, device_id, created_at DESC);
DROP INDEX twins.command_device_time;
