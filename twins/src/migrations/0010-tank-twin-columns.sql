-- Tank twin state as columns instead of JSON documents. Every ingest batch upserts each twin it
-- touched: as documents that meant serialising, escaping and parsing four jsonb values per twin
-- per batch (more database time than the samples themselves), and a restore parsed them back.
-- The table keeps the state; the view `twins.tank_twin` shows it as before (reported, derived and
-- desired as documents) for people and tools reading it with SQL.
ALTER TABLE twins.tank_twin RENAME TO tank_twin_state;

ALTER TABLE twins.tank_twin_state
  -- Reported (last values from the gauge, and its device state).
  ADD COLUMN level_mm double precision,
  ADD COLUMN temperature_c double precision,
  ADD COLUMN pressure_kpa double precision,
  ADD COLUMN water_level_mm double precision,
  ADD COLUMN inlet_valve_open boolean,
  ADD COLUMN high_high_setpoint_mm double precision,
  -- Derived (strapping table, temperature correction, density).
  ADD COLUMN volume_liters double precision,
  ADD COLUMN volume_at_reference_liters double precision,
  ADD COLUMN fill_percent double precision,
  ADD COLUMN mass_kg double precision,
  ADD COLUMN level_out_of_range text CHECK (level_out_of_range IN ('below', 'above')),
  -- Desired, per property: the value asked for, the command that asked, and when (all null when nothing is asked).
  ADD COLUMN desired_inlet_valve_open boolean,
  ADD COLUMN desired_inlet_valve_command_id uuid,
  ADD COLUMN desired_inlet_valve_at timestamptz,
  ADD COLUMN desired_high_high_setpoint_mm double precision,
  ADD COLUMN desired_high_high_setpoint_command_id uuid,
  ADD COLUMN desired_high_high_setpoint_at timestamptz;

UPDATE twins.tank_twin_state SET
  level_mm = (reported ->> 'levelMm')::double precision,
  temperature_c = (reported ->> 'temperatureC')::double precision,
  pressure_kpa = (reported ->> 'pressureKPa')::double precision,
  water_level_mm = (reported ->> 'waterLevelMm')::double precision,
  inlet_valve_open = (reported_state ->> 'inletValveOpen')::boolean,
  high_high_setpoint_mm = (reported_state ->> 'highHighSetpointMm')::double precision,
  volume_liters = (derived ->> 'volumeLiters')::double precision,
  volume_at_reference_liters = (derived ->> 'volumeAtReferenceLiters')::double precision,
  fill_percent = (derived ->> 'fillPercent')::double precision,
  mass_kg = (derived ->> 'massKg')::double precision,
  level_out_of_range = derived ->> 'levelOutOfRange',
  desired_inlet_valve_open = (desired #>> '{inletValveOpen,value}')::boolean,
  desired_inlet_valve_command_id = (desired #>> '{inletValveOpen,commandId}')::uuid,
  desired_inlet_valve_at = (desired #>> '{inletValveOpen,at}')::timestamptz,
  desired_high_high_setpoint_mm = (desired #>> '{highHighSetpointMm,value}')::double precision,
  desired_high_high_setpoint_command_id = (desired #>> '{highHighSetpointMm,commandId}')::uuid,
  desired_high_high_setpoint_at = (desired #>> '{highHighSetpointMm,at}')::timestamptz;

ALTER TABLE twins.tank_twin_state DROP COLUMN reported, DROP COLUMN reported_state, DROP COLUMN derived, DROP COLUMN desired,
  -- Each batch rewrites the rows of the twins it touched: room on every page lets the new row
  -- version stay beside the old one (a HOT update, no index entry to add).
  SET (fillfactor = 70);

CREATE VIEW twins.tank_twin AS
SELECT tank_id, tenant_id, gateway_id,
       jsonb_build_object('levelMm', level_mm, 'temperatureC', temperature_c, 'pressureKPa', pressure_kpa, 'waterLevelMm', water_level_mm) AS reported,
       jsonb_build_object('inletValveOpen', inlet_valve_open, 'highHighSetpointMm', high_high_setpoint_mm) AS reported_state,
       reported_at,
       jsonb_build_object('volumeLiters', volume_liters, 'volumeAtReferenceLiters', volume_at_reference_liters, 'fillPercent', fill_percent,
                          'massKg', mass_kg, 'levelOutOfRange', level_out_of_range) AS derived,
       jsonb_strip_nulls(jsonb_build_object(
         'inletValveOpen', CASE WHEN desired_inlet_valve_open IS NOT NULL THEN
           jsonb_build_object('value', desired_inlet_valve_open, 'commandId', desired_inlet_valve_command_id, 'at', desired_inlet_valve_at) END,
         'highHighSetpointMm', CASE WHEN desired_high_high_setpoint_mm IS NOT NULL THEN
           jsonb_build_object('value', desired_high_high_setpoint_mm, 'commandId', desired_high_high_setpoint_command_id, 'at', desired_high_high_setpoint_at) END
       )) AS desired,
       online, stale, last_seen_at, last_seq, version, updated_at
  FROM twins.tank_twin_state;
