-- The twins record the site of a tank's alarms (the alarm centre filters by site): the view publishes it too.
CREATE OR REPLACE VIEW tanks.tank_twin_config AS
SELECT t.id, t.tenant_id, t.capacity_liters, t.max_fill_percent, t.density_kg_per_l,
       t.reference_temperature_c, t.expansion_per_k,
       t.high_high_mm, t.high_mm, t.low_mm, t.low_low_mm, t.alarm_deadband_mm,
       (SELECT s.points FROM tanks.strapping_table s WHERE s.tank_id = t.id ORDER BY s.version DESC LIMIT 1) AS strapping_points,
       t.site_id
  FROM tanks.tank t;
