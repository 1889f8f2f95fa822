-- The audit log is platform's one table now (audit.entry, module `audit`), shared by every domain
-- and read through one `auditLog`. Identity's entries move there with their times, in their order.
-- The gateway migrates `audit` first (migrateIdentity); where identity is migrated on its own, the
-- old table is dropped only while it holds nothing, so no entry is ever lost.
DO $$
BEGIN
  IF to_regclass('audit.entry') IS NOT NULL THEN
    INSERT INTO audit.entry (at, tenant_id, domain, actor, action, target, details)
      SELECT at, tenant_id, 'identity', actor, action, target, details FROM identity.audit_log ORDER BY id;
  ELSIF EXISTS (SELECT 1 FROM identity.audit_log) THEN
    RAISE EXCEPTION 'identity.audit_log has entries to move: migrate the audit module (migrateAudit) before identity';
  END IF;
END $$;
DROP TABLE identity.audit_log;
DROP FUNCTION identity.audit_log_append_only();
