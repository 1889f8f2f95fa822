import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { createFillingArea, type FillingArea } from './filling/filling-area';
import { createHandoverArea, type HandoverArea } from './handover/handover-area';
import { createPublicArea } from './public/public-area';
import { createRegistryArea, type RegistryArea } from './registry/registry-area';
import { createTransferArea, type TransferArea } from './transfer/transfer-area';

/** The cylinders service's areas, each a folder: the registry, filling, transfers, hand-overs, the public lookup. */
export interface Services {
  registry: RegistryArea;
  filling: FillingArea;
  transfers: TransferArea;
  handovers: HandoverArea;
  /** The QR lookup anyone may make. */
  open: DomainArea;
}

export const createServices = (deps: DomainDeps): Services => ({
  registry: createRegistryArea(deps),
  filling: createFillingArea(deps),
  transfers: createTransferArea(deps),
  handovers: createHandoverArea(deps),
  open: createPublicArea(deps),
});

export const areasOf = (services: Services): DomainArea[] => [services.registry, services.filling, services.transfers, services.handovers, services.open];
