import { migrateLedger } from '@hearth/platform/ledger';
import { startDomainSubgraph, type DomainServiceOptions, type RunningDomainService } from '@hearth/platform/service';
import { fillingEntities } from './filling/filling-area';
import { handoverEntities } from './handover/handover-area';
import { registryEntities } from './registry/registry-area';
import { transferEntities } from './transfer/transfer-area';
import { buildCylindersSchema } from './schema';
import { areasOf, createServices, type Services } from './services';

export const cylindersMigrations = new URL('./migrations/', import.meta.url);
export type { Services as CylinderServices };
export { CylinderContent } from './registry/cylinder/cylinder.enums';
export { TransferType } from './transfer/transfer.enums';

export type CylindersServiceOptions = DomainServiceOptions;
export type RunningCylindersService = RunningDomainService<Services>;

/**
 * Serves the cylinders subgraph: the registry and every cylinder's life (filling, transfers,
 * hand-overs with deposits on the platform ledger, migrated with it). Each area's background work
 * starts once the server is up and stops before it closes.
 */
export function startCylindersService(options: CylindersServiceOptions): Promise<RunningCylindersService> {
  return startDomainSubgraph(
    {
      name: 'cylinders',
      migrations: cylindersMigrations,
      uses: [migrateLedger],
      entities: [...registryEntities, ...fillingEntities, ...transferEntities, ...handoverEntities],
      services: (data) => createServices({ db: options.db, data, logger: options.logger }),
      schema: buildCylindersSchema,
      areas: areasOf,
    },
    options,
  );
}
