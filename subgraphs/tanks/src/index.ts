import { startDomainSubgraph, type DomainServiceOptions, type RunningDomainService } from '@hearth/platform/service';
import { buildTanksSchema } from './schema';
import { createServices, type Services } from './services';
import { Site } from './site/site.entity';
import { StrappingTable } from './strapping/strapping-table.entity';
import { Tank } from './tank/tank.entity';

export const tanksMigrations = new URL('./migrations/', import.meta.url);
export const tankEntities = [Site, Tank, StrappingTable];
export type { Services as TankServices };

export type TanksServiceOptions = DomainServiceOptions;
export type RunningTanksService = RunningDomainService<Services>;

/**
 * Serves the tanks subgraph: sites, tanks and strapping tables (audited). The gateway keeps tank
 * names and sites for live events and drops them when one changes (`startDomainSubgraph`).
 */
export const startTanksService = (options: TanksServiceOptions): Promise<RunningTanksService> =>
  startDomainSubgraph({ name: 'tanks', migrations: tanksMigrations, entities: tankEntities, services: createServices, schema: buildTanksSchema }, options);
