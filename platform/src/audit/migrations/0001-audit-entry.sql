-- The one audit log: who did what to what, and when, in every domain (identity, fleet, tanks, …).
-- A domain records an entry in the transaction of the change it describes (recordAudit), so the
-- change and its entry commit together or not at all. Services that audit migrate this module
-- (migrateAudit) before their own, whose migrations move older logs in.
CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE audit.entry (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  tenant_id uuid NOT NULL,
  -- The module that recorded it, named as its scopes are: identity, fleet, tanks, …
  domain text NOT NULL CHECK (domain ~ '^[a-z][a-z0-9-]*$'),
  -- `user:<id>`, `apiKey:<id>`, `service:<id>`, or `system`.
  actor text NOT NULL,
  -- `<thing>.<what happened>`: `tank.updated`, `api-key.revoked`, `login.failed`.
  action text NOT NULL,
  -- `<kind>:<id>` of what it happened to; null when the details say (an import).
  target text,
  details jsonb NOT NULL DEFAULT '{}',
  -- The request that made the change, to find its log lines; null for actions of no request.
  request_id text
);
-- A tenant's log newest first, of every domain or of some (keyset pages on (at, id)).
CREATE INDEX entry_tenant_at ON audit.entry (tenant_id, at DESC, id DESC);
CREATE INDEX entry_tenant_domain_at ON audit.entry (tenant_id, domain, at DESC, id DESC);

-- Append-only: history cannot be rewritten or wiped through the application's role. Statement
-- triggers refuse an UPDATE or DELETE even when it matches no row, and TRUNCATE too.
CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.entry is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit.entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
