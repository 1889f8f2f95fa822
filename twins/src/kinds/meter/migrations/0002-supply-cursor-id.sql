-- The supply-decision cursor keeps the event's bigserial id as the bigint it is (`last_event_id`),
-- no longer as a uuid of its hex digits: carried over from `event_id` (its last 16 hex digits are
-- the number). `event_id` is no longer read or written.
ALTER TABLE twins.meter_supply_cursor ADD COLUMN last_event_id bigint NOT NULL DEFAULT 0;
UPDATE twins.meter_supply_cursor SET last_event_id = ('x' || right(replace(event_id::text, '-', ''), 16))::bit(64)::bigint;
