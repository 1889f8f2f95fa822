// The one audit log every domain writes (`@hearth/platform/audit`): its migrations, the one way
// to record an entry, and the one reader of a tenant's log.
export * from './migrate-audit';
export * from './record-audit';
export * from './audit-page';
export * from './domain-audit';
