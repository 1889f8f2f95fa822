-- hearth:no-transaction
-- Continuous aggregates for charts; real-time (materialized_only = false) so the newest bucket shows too.
CREATE MATERIALIZED VIEW IF NOT EXISTS twins.tank_sample_1m WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 minute', time) AS bucket, tenant_id, tank_id,
       avg(level_mm) AS level_mm, min(level_mm) AS level_min_mm, max(level_mm) AS level_max_mm,
       avg(volume_liters) AS volume_liters, avg(fill_percent) AS fill_percent, avg(temperature_c) AS temperature_c,
       count(*) AS samples
  FROM twins.tank_sample GROUP BY 1, 2, 3 WITH NO DATA;

CREATE MATERIALIZED VIEW IF NOT EXISTS twins.tank_sample_1h WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, tenant_id, tank_id,
       avg(level_mm) AS level_mm, min(level_mm) AS level_min_mm, max(level_mm) AS level_max_mm,
       avg(volume_liters) AS volume_liters, avg(fill_percent) AS fill_percent, avg(temperature_c) AS temperature_c,
       count(*) AS samples
  FROM twins.tank_sample GROUP BY 1, 2, 3 WITH NO DATA;

SELECT add_continuous_aggregate_policy('twins.tank_sample_1m', start_offset => INTERVAL '2 hours', end_offset => INTERVAL '1 minute', schedule_interval => INTERVAL '1 minute', if_not_exists => true);

SELECT add_continuous_aggregate_policy('twins.tank_sample_1h', start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '30 minutes', if_not_exists => true);
