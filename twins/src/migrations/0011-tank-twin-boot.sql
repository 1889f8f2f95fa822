-- The device's boot (session) number beside its last seq: a device without a clock restarts its seq
-- at 1 after a reboot, and without the boot number those readings looked like redeliveries and were
-- dropped (docs/adr/0008-device-time.md).
ALTER TABLE twins.tank_twin_state ADD COLUMN last_boot bigint;
