-- Who provisioned what: gateways registered, secrets rotated, devices bound, moved, imported and
-- removed. Append-only, like identity.audit_log.
CREATE TABLE fleet.audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  -- `user:<id>`, `apiKey:<id>` or `service:<id>`: the principal of the gateway's signed context.
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_tenant ON fleet.audit_log (tenant_id, id DESC);

CREATE FUNCTION fleet.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fleet.audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON fleet.audit_log
  FOR EACH ROW EXECUTE FUNCTION fleet.audit_log_append_only();

-- Listing a tenant's gateways and devices.
CREATE INDEX gateway_tenant_idx ON fleet.gateway (tenant_id, id);
CREATE INDEX device_tenant_idx ON fleet.device (tenant_id, kind, id);
