-- Identity: tenants, people and their sessions, third-party API keys, usage and the audit log.
-- Secrets are never stored: passwords as scrypt hashes, tokens and keys as SHA-256 digests
-- (they are 256-bit random, so a fast digest is enough and keeps each request cheap).
CREATE SCHEMA IF NOT EXISTS identity;

CREATE TABLE identity.tenant (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE identity.app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES identity.tenant (id),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('ADMIN', 'SUPERVISOR', 'OPERATOR', 'VIEWER')),
  password_hash text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
-- One account per email across tenants: login needs no tenant name.
CREATE UNIQUE INDEX app_user_email ON identity.app_user (lower(email));

CREATE TABLE identity.session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES identity.tenant (id),
  user_id uuid NOT NULL REFERENCES identity.app_user (id),
  access_digest bytea NOT NULL,
  access_expires_at timestamptz NOT NULL,
  refresh_digest bytea NOT NULL,
  refresh_expires_at timestamptz NOT NULL,
  -- The refresh token before the last rotation: presenting it again means it was stolen.
  previous_refresh_digest bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  ended_reason text
);
CREATE INDEX session_by_user ON identity.session (user_id) WHERE ended_at IS NULL;

CREATE TABLE identity.api_key (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES identity.tenant (id),
  name text NOT NULL,
  prefix text NOT NULL UNIQUE,
  secret_digest bytea NOT NULL,
  scopes text[] NOT NULL,
  expires_at timestamptz,
  allowed_origins text[] NOT NULL DEFAULT '{}',
  allowed_ips text[] NOT NULL DEFAULT '{}',
  rate_per_minute integer NOT NULL CHECK (rate_per_minute > 0),
  daily_quota integer CHECK (daily_quota > 0),
  trusted_documents_only boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  replaced_by uuid REFERENCES identity.api_key (id),
  last_used_at timestamptz
);
CREATE INDEX api_key_tenant ON identity.api_key (tenant_id, created_at DESC);

-- Operations and subscription events per key and UTC day; flushed from memory every few seconds.
CREATE TABLE identity.api_key_usage (
  key_id uuid NOT NULL REFERENCES identity.api_key (id),
  day date NOT NULL,
  operations bigint NOT NULL DEFAULT 0,
  events bigint NOT NULL DEFAULT 0,
  rejected bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (key_id, day)
);

-- Operations a tenant registered for keys in trusted-documents mode, by SHA-256 of their text.
CREATE TABLE identity.trusted_document (
  tenant_id uuid NOT NULL REFERENCES identity.tenant (id),
  sha256 text NOT NULL,
  body text NOT NULL,
  name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sha256)
);

CREATE TABLE identity.audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_tenant ON identity.audit_log (tenant_id, id DESC);

-- The audit log is append-only: history cannot be rewritten through the application's role.
CREATE FUNCTION identity.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'identity.audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON identity.audit_log
  FOR EACH ROW EXECUTE FUNCTION identity.audit_log_append_only();

-- Ended sessions, changed or revoked keys and changed users are announced, so every gateway
-- instance drops its cached copy and re-checks the connections opened with them at once.
-- (One function per table: PL/pgSQL resolves NEW's fields per table.)
CREATE FUNCTION identity.announce_session_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Ended, or refreshed: a refresh replaces the access token, so the old one must stop too.
  IF (NEW.ended_at IS NOT NULL AND OLD.ended_at IS NULL) OR NEW.access_digest IS DISTINCT FROM OLD.access_digest THEN
    PERFORM pg_notify('hearth_credential_ended', 'session:' || NEW.id);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER session_ended AFTER UPDATE ON identity.session FOR EACH ROW EXECUTE FUNCTION identity.announce_session_end();

CREATE FUNCTION identity.announce_api_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.revoked_at IS DISTINCT FROM OLD.revoked_at OR NEW.expires_at IS DISTINCT FROM OLD.expires_at OR NEW.scopes IS DISTINCT FROM OLD.scopes THEN
    PERFORM pg_notify('hearth_credential_ended', 'apiKey:' || NEW.id);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER api_key_changed AFTER UPDATE ON identity.api_key FOR EACH ROW EXECUTE FUNCTION identity.announce_api_key_change();

CREATE FUNCTION identity.announce_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.role IS DISTINCT FROM OLD.role OR NEW.disabled_at IS DISTINCT FROM OLD.disabled_at THEN
    PERFORM pg_notify('hearth_credential_ended', 'user:' || NEW.id);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER app_user_changed AFTER UPDATE ON identity.app_user FOR EACH ROW EXECUTE FUNCTION identity.announce_user_change();
