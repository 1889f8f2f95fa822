-- The database's last guard behind the broker's physical ranges (platform/src/domain/metric-bounds.ts):
-- no measurement beyond ±1e12 (STORABLE_MAGNITUDE) is stored. `1e308` is a valid float8, but the
-- continuous aggregates average it and overflow ("value out of range"): one such row made the
-- 1-minute refresh fail every minute for every tenant, and that tank's history answer an internal
-- error. A value already stored beyond the bound is a fault, not a reading: it is set to NULL (the
-- rest of its sample stays), so the constraint can hold and the aggregates refresh again.
UPDATE twins.tank_sample SET
  level_mm = CASE WHEN abs(level_mm) > 1e12 THEN NULL ELSE level_mm END,
  temperature_c = CASE WHEN abs(temperature_c) > 1e12 THEN NULL ELSE temperature_c END,
  pressure_kpa = CASE WHEN abs(pressure_kpa) > 1e12 THEN NULL ELSE pressure_kpa END,
  water_level_mm = CASE WHEN abs(water_level_mm) > 1e12 THEN NULL ELSE water_level_mm END,
  high_high_setpoint_mm = CASE WHEN abs(high_high_setpoint_mm) > 1e12 THEN NULL ELSE high_high_setpoint_mm END,
  volume_liters = CASE WHEN abs(volume_liters) > 1e12 THEN NULL ELSE volume_liters END,
  fill_percent = CASE WHEN abs(fill_percent) > 1e12 THEN NULL ELSE fill_percent END,
  mass_kg = CASE WHEN abs(mass_kg) > 1e12 THEN NULL ELSE mass_kg END
WHERE abs(level_mm) > 1e12 OR abs(temperature_c) > 1e12 OR abs(pressure_kpa) > 1e12 OR abs(water_level_mm) > 1e12
   OR abs(high_high_setpoint_mm) > 1e12 OR abs(volume_liters) > 1e12 OR abs(fill_percent) > 1e12 OR abs(mass_kg) > 1e12;

ALTER TABLE twins.tank_sample ADD CONSTRAINT tank_sample_storable_values CHECK (
  abs(level_mm) <= 1e12 AND abs(temperature_c) <= 1e12 AND abs(pressure_kpa) <= 1e12 AND abs(water_level_mm) <= 1e12
  AND abs(high_high_setpoint_mm) <= 1e12 AND abs(volume_liters) <= 1e12 AND abs(fill_percent) <= 1e12 AND abs(mass_kg) <= 1e12
);
