import type { CallerContext } from '@hearth/platform';
import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { CylinderFieldsResolver } from './cylinder/cylinder-fields.resolver';
import { createCylinderMoves, type CylinderMoves } from './cylinder/cylinder-moves';
import { CylinderResolver } from './cylinder/cylinder.resolver';
import { importCylinders, type CylinderImportResult } from './cylinder/register-cylinders';
import type { RegistryDeps } from './registry-deps';
import { cylinderLoader } from './registry-loaders';
import { CylinderSpecResolver } from './spec/spec.resolver';
import { SpecService } from './spec/spec.service';
import { FillingStationResolver } from './station/station.resolver';
import { StationService } from './station/station.service';
import { CylinderStockResolver } from './stock/cylinder-stock';

/** Its TypeORM entities: none, the registry writes in bulk with SQL (imports, moves). */
export const registryEntities: Function[] = [];

/** The registry: specs, filling stations and scales, cylinders and their log, stock by site. */
export interface RegistryArea extends DomainArea {
  stations: StationService;
  moves: CylinderMoves;
  /**
   * The import for callers other than GraphQL (a seed), rows as objects: all or nothing, as
   * `importCylinders`; a refused import imports nothing and lists its problems.
   */
  importCylinders(by: CallerContext, rows: readonly unknown[]): Promise<CylinderImportResult>;
}

export function createRegistryArea(deps: DomainDeps): RegistryArea {
  const specs = new SpecService(deps.db, deps.data);
  const stations = new StationService(deps.db, deps.data);
  const registry: RegistryDeps = { db: deps.db, data: deps.data, specs };
  const moves = createCylinderMoves(registry);
  return {
    stations,
    moves,
    importCylinders: (by, rows) => importCylinders(registry, by, rows),
    resolvers: [
      new CylinderSpecResolver(specs),
      new FillingStationResolver(stations),
      new CylinderResolver(registry, moves),
      new CylinderFieldsResolver(registry),
      new CylinderStockResolver(deps.db),
    ],
    handWritten: {
      Cylinder: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => cylinderLoader(ctx, registry).load(ref.id) },
      FillingScale: {
        __resolveReference: (ref: { id: string }, ctx: SubgraphContext) =>
          requestLoader(ctx, 'filling-scale', (ids) => stations.scalesByIds(ctx.tenantId, ids)).load(ref.id),
      },
    },
  };
}
