-- The reading intake's cursor keyed by the reading's own id: (received_at, id), the unique key
-- twins.meter_reading is indexed by, in place of (received_at, meter_id), which a meter's several
-- readings of one batch share (a page edge between them relied on the look-back to read the rest).
-- Starts at id 0 of the instant it had reached: the readings of that instant are read again, and
-- those already judged are left out by the database. `meter_id` is no longer read or written.
ALTER TABLE metering.reading_cursor ADD COLUMN reading_id bigint NOT NULL DEFAULT 0;
