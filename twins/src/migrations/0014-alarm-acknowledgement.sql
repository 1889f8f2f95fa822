-- Alarm acknowledgement (ISA-18.2): whether a condition holds and whether someone acknowledged it are two things.
-- A condition that returns to normal before anyone acknowledged it stays CLEARED_UNACKNOWLEDGED until someone does;
-- ACKNOWLEDGED then CLEARED, or CLEARED_UNACKNOWLEDGED then acknowledged, ends CLEARED. Alarms cleared before this
-- migration stay CLEARED (nobody could acknowledge them then).
ALTER TABLE twins.alarm DROP CONSTRAINT alarm_state_check;
ALTER TABLE twins.alarm ADD CONSTRAINT alarm_state_check CHECK (state IN ('ACTIVE', 'ACKNOWLEDGED', 'CLEARED_UNACKNOWLEDGED', 'CLEARED'));
ALTER TABLE twins.alarm ADD COLUMN acknowledged_by text, ADD COLUMN acknowledgement_comment text;
-- The condition is open while it has not cleared, whatever its acknowledgement: one open alarm per asset and code.
DROP INDEX twins.alarm_open_once;
CREATE UNIQUE INDEX alarm_open_once ON twins.alarm (asset_kind, asset_id, code) WHERE cleared_at IS NULL;
-- Shelving (ISA-18.2): an operator takes a nuisance alarm off the displays for a limited time, with a reason; it
-- returns on its own when the time is up (`shelved_until` in the past means not shelved).
ALTER TABLE twins.alarm ADD COLUMN shelved_until timestamptz, ADD COLUMN shelved_by text, ADD COLUMN shelve_reason text;
