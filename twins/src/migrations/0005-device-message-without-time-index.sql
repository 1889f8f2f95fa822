-- create_hypertable gave twins.device_message an index on (time DESC) that no query uses: raw
-- messages are read per device (device_message_once leads with device_id), retention drops whole
-- chunks and compression segments by device. It cost every ingested message a second B-tree
-- insert, about a fifth of the batch insert's time in the embedded database.
DROP INDEX IF EXISTS twins.device_message_time_idx;
