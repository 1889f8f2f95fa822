-- Secret rotation with a grace period: the replaced secret keeps working until it expires, so a
-- fleet can switch over without an outage. Only hashes are stored, as for the current secret.
ALTER TABLE fleet.gateway
  ADD COLUMN previous_secret_hash text,
  ADD COLUMN previous_secret_expires_at timestamptz,
  ADD COLUMN secret_rotated_at timestamptz,
  ADD CONSTRAINT previous_secret_expires CHECK ((previous_secret_hash IS NULL) = (previous_secret_expires_at IS NULL));
