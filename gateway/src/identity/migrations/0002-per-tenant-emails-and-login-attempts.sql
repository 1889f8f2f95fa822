-- People are keyed per tenant: two companies may each have an account for the same email, so
-- adding a user can no longer tell one company's admin that the address is taken elsewhere.
DROP INDEX identity.app_user_email;
CREATE UNIQUE INDEX app_user_tenant_email ON identity.app_user (tenant_id, lower(email));
CREATE INDEX app_user_email ON identity.app_user (lower(email));

-- Failed logins are counted per email as typed, whether or not any account has it, so the
-- lock-out answers alike for known and unknown addresses. Keyed by a digest: a mistyped
-- password in the email field is not kept in clear.
CREATE TABLE identity.login_attempt (
  email_digest bytea PRIMARY KEY,
  failures integer NOT NULL,
  locked_until timestamptz,
  last_failed_at timestamptz NOT NULL
);
CREATE INDEX login_attempt_last_failed ON identity.login_attempt (last_failed_at);

INSERT INTO identity.login_attempt (email_digest, failures, locked_until, last_failed_at)
  SELECT sha256(convert_to(lower(email), 'UTF8')), max(failed_logins), max(locked_until), now()
    FROM identity.app_user WHERE failed_logins > 0 GROUP BY 1;
ALTER TABLE identity.app_user DROP COLUMN failed_logins, DROP COLUMN locked_until;
