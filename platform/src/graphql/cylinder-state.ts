import { registerEnumType } from 'type-graphql';
import { CYLINDER_STATES, type CylinderState } from '../domain/cylinder-lifecycle';

/**
 * The lifecycle's states as a GraphQL enum (values are `CYLINDER_STATES`), registered once for every
 * subgraph that shows them (the cylinders registry, the cylinder twins): composed into one type.
 */
export const CylinderStateEnum = Object.fromEntries(CYLINDER_STATES.map((s) => [s, s])) as { [K in CylinderState]: K };

registerEnumType(CylinderStateEnum, {
  name: 'CylinderState',
  description: 'Where a cylinder is in its life (REGISTERED → EMPTY_STOCK → FILLED → FULL_STOCK → IN_TRANSIT → AT_CUSTOMER → RETURNED → INSPECTION …).',
  valuesConfig: {
    REGISTERED: { description: 'On the registry, not yet stocked in or filled.' },
    EMPTY_STOCK: { description: 'Empty, in stock at a site.' },
    FILLED: { description: 'Just filled at a filling station, not yet check-weighed into full stock.' },
    FULL_STOCK: { description: 'Full, in stock at a site.' },
    IN_TRANSIT: { description: 'On a truck under a transfer order (调拨).' },
    AT_CUSTOMER: { description: 'Held by a customer (with a deposit or on loan).' },
    RETURNED: { description: 'Taken back (退残) or found: to be checked before it is filled.' },
    INSPECTION: { description: 'At the periodic inspection (TSG 23-2021).' },
    LOST: { description: 'Reported lost until it is found.' },
    SCRAPPED: { description: 'Scrapped: nothing more may happen to it.' },
  },
});
