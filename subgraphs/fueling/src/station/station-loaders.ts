import { requestLoader, type SubgraphContext } from '@hearth/platform/graphql';
import type { GradeService } from './grade.service';
import type { PumpService } from './pump.service';
import type { StationService } from './station.service';

/** Per-request batch loaders: `_entities` and nested fields cost one query per type, not one per row. */
export const stationLoader = (ctx: SubgraphContext, stations: StationService) => requestLoader(ctx, 'fuel-station', (ids) => stations.byIds(ctx.tenantId, ids));

export const pumpLoader = (ctx: SubgraphContext, pumps: PumpService) => requestLoader(ctx, 'pump', (ids) => pumps.byIds(ctx.tenantId, ids));

export const gradeLoader = (ctx: SubgraphContext, grades: GradeService) => requestLoader(ctx, 'fuel-grade', (codes) => grades.byCodes(ctx.tenantId, codes));
