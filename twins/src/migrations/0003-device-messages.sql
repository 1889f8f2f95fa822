-- Messages no twin models yet (device events, command acks, kinds whose domain is still to come):
-- stored as sent, so nothing a gateway had acknowledged is lost before its handler exists.
CREATE TABLE twins.device_message (
  time timestamptz NOT NULL,
  tenant_id uuid NOT NULL,
  kind text NOT NULL,
  device_id text NOT NULL,
  gateway_id text NOT NULL,
  channel text NOT NULL,
  seq bigint,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL
);
SELECT create_hypertable('twins.device_message', by_range('time', INTERVAL '7 days'));
-- A redelivery (same device, channel, seq and time) is stored once.
CREATE UNIQUE INDEX device_message_once ON twins.device_message (device_id, channel, seq, time);
ALTER TABLE twins.device_message SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id');
SELECT add_compression_policy('twins.device_message', INTERVAL '7 days');
SELECT add_retention_policy('twins.device_message', INTERVAL '1100 days');
