import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { auditAfter, auditCursorKey, auditPage, countAudit, type AuditEntryRecord } from '@hearth/platform/audit';
import { checkPageSize, decodeCursor, toConnection, type Connection, type SubgraphContext } from '@hearth/platform/graphql';
import type { FleetDeps } from './fleet-deps';
import { FleetAuditEntry, FleetAuditEntryConnection } from './fleet.types';

/** The fleet's entries as this query always showed them: the request id inside the details. */
const toFleetAuditEntry = (entry: AuditEntryRecord): FleetAuditEntry => ({
  id: entry.id,
  at: entry.at,
  actor: entry.actor,
  action: entry.action,
  target: entry.target,
  details: JSON.stringify(entry.requestId ? { ...entry.details, requestId: entry.requestId } : entry.details),
});

@Resolver(() => FleetAuditEntry)
export class FleetAuditResolver {
  constructor(private readonly deps: FleetDeps) {}

  @Query(() => FleetAuditEntryConnection, {
    description: 'Who provisioned what, newest first (gateways, secrets, devices): the fleet entries of the one audit log.',
    deprecationReason: 'Use `auditLog(domains: ["fleet"])`: the one audit log, every domain’s entries (admins only).',
  })
  async fleetAuditLog(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omit for the first page.' }) after?: string | null,
  ): Promise<Connection<FleetAuditEntry>> {
    checkPageSize(first);
    const filter = { tenantId: ctx.tenantId, domains: ['fleet'] };
    return toConnection(
      await auditPage(this.deps.db, filter, first + 1, after ? auditAfter(decodeCursor(after, 2)) : undefined),
      first,
      await countAudit(this.deps.db, filter),
      Boolean(after),
      auditCursorKey,
      toFleetAuditEntry,
    );
  }
}
