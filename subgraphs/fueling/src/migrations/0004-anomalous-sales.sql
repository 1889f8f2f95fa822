-- The twins service follows the sales settled with anomalies by (settled_at, id) to raise their
-- alarms: a partial index keeps that read to the few flagged sales, not every sale.
CREATE INDEX sale_anomalous_settled ON fueling.sale (settled_at, id) WHERE anomalies <> '[]'::jsonb;
