-- Which twins instance holds (or last held) a gateway's MQTT connection (ADR 0014): that instance does the
-- gateway's connectivity work (offline, stale, alarms); when it dies, one live instance takes its gateways over.
ALTER TABLE twins.gateway_twin ADD COLUMN holder text;
