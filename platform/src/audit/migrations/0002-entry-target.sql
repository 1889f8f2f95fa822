-- One record's history (a customer's changes) is read by target, newest first.
CREATE INDEX entry_tenant_target_at ON audit.entry (tenant_id, target, at DESC, id DESC) WHERE target IS NOT NULL;
