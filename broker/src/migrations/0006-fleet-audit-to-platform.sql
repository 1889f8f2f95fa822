-- The fleet's audit log is platform's one table now (audit.entry, module `audit`), read through
-- `auditLog` (and `fleetAuditLog`, its fleet entries). Entries move there with their times, in their
-- order; the request id they kept in their details gets its own column.
-- The twins service migrates `audit` first; where fleet is migrated on its own (the broker's
-- fixtures, which never audit), the old table is dropped only while it holds nothing.
DO $$
BEGIN
  IF to_regclass('audit.entry') IS NOT NULL THEN
    INSERT INTO audit.entry (at, tenant_id, domain, actor, action, target, details, request_id)
      SELECT at, tenant_id, 'fleet', actor, action, target, details - 'requestId', details ->> 'requestId' FROM fleet.audit_log ORDER BY id;
  ELSIF EXISTS (SELECT 1 FROM fleet.audit_log) THEN
    RAISE EXCEPTION 'fleet.audit_log has entries to move: migrate the audit module (migrateAudit) before fleet';
  END IF;
END $$;
DROP TABLE fleet.audit_log;
DROP FUNCTION fleet.audit_log_append_only();
