-- The meter's alarm released (DL/T 645 2B) once its balance is back above alarm 2 without a trip:
-- without it a top-up between alarm 2 and the floor left the meter sounding. A reconnection that
-- protected supply (保电) brings, whatever the balance, says so instead of TOP_UP.
ALTER TABLE metering.supply_event DROP CONSTRAINT supply_event_action_check;
ALTER TABLE metering.supply_event
  ADD CONSTRAINT supply_event_action_check CHECK (action IN ('NOTIFY_ALARM1', 'ALARM', 'ALARM_RELEASE', 'TRIP', 'ALLOW_CLOSE', 'CLOSE'));
ALTER TABLE metering.supply_event DROP CONSTRAINT supply_event_reason_check;
ALTER TABLE metering.supply_event
  ADD CONSTRAINT supply_event_reason_check
  CHECK (reason IN ('BALANCE_ALARM1', 'BALANCE_ALARM2', 'BALANCE_RESTORED', 'BALANCE_FLOOR', 'TOP_UP', 'SUPPLY_PROTECTED', 'PROTECTION_ENDED', 'OPERATOR'));
