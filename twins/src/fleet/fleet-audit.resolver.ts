import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { checkPageSize, decodeCursor, toConnection, type Connection, type SubgraphContext } from '@hearth/platform/graphql';
import { countFleetAudit, fleetAuditPage } from './fleet-audit';
import type { FleetDeps } from './fleet-deps';
import { FleetAuditEntry, FleetAuditEntryConnection } from './fleet.types';

@Resolver(() => FleetAuditEntry)
export class FleetAuditResolver {
  constructor(private readonly deps: FleetDeps) {}

  @Query(() => FleetAuditEntryConnection, { description: 'Who provisioned what, newest first (gateways, secrets, devices).' })
  async fleetAuditLog(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page; omit for the first page.' }) after?: string | null,
  ): Promise<Connection<FleetAuditEntry>> {
    checkPageSize(first);
    const before = after ? String(decodeCursor(after, 1)[0]) : undefined;
    const rows = await fleetAuditPage(this.deps.db, ctx.tenantId, first + 1, before);
    return toConnection(
      rows,
      first,
      await countFleetAudit(this.deps.db, ctx.tenantId),
      Boolean(after),
      (r) => [r.id],
      (r) => ({ ...r, details: JSON.stringify(r.details) }),
    );
  }
}
