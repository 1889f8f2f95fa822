import { registerEnumType } from 'type-graphql';
import { CYLINDER_STATES, type CylinderEvent, type CylinderState } from '@hearth/platform/domain';

/** The lifecycle's states as a GraphQL enum (values are the platform's `CYLINDER_STATES`); other areas use this one. */
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

export enum CylinderContent {
  FULL = 'FULL',
  EMPTY = 'EMPTY',
}

registerEnumType(CylinderContent, {
  name: 'CylinderContent',
  description: 'Whether a cylinder holds gas.',
  valuesConfig: { FULL: { description: 'Holds gas.' }, EMPTY: { description: 'Empty (or holding residual gas only).' } },
});

/** Every kind of entry in a cylinder's log: the lifecycle's events and those that move nothing. */
export type CylinderLogEvent = CylinderEvent | 'REGISTER' | 'UPDATE' | 'FILL_REFUSED';

const LOG_EVENTS: Record<CylinderLogEvent, string> = {
  REGISTER: 'Put on the registry.',
  UPDATE: 'Registry facts changed (tag, owner, fixed station, maker, inspection dates).',
  FILL_REFUSED: 'A filling scale refused to fill it.',
  STOCK_IN_EMPTY: 'Taken into empty stock.',
  FILL: 'Filled at a scale.',
  STOCK_IN_FULL: 'Check-weighed into full stock.',
  DISPATCH: 'Loaded onto a truck under a transfer order.',
  RECEIVE: 'Signed for at the transfer’s destination.',
  HAND_OVER: 'Handed to a customer.',
  TAKE_BACK: 'Taken back from a customer (退残).',
  SEND_TO_INSPECTION: 'Sent to the periodic inspection.',
  PASS_INSPECTION: 'Passed its inspection.',
  REPORT_LOST: 'Reported lost.',
  FIND: 'Found after being reported lost.',
  SCRAP: 'Scrapped.',
};

export const CylinderEventTypeEnum = Object.fromEntries(Object.keys(LOG_EVENTS).map((e) => [e, e])) as { [K in CylinderLogEvent]: K };

registerEnumType(CylinderEventTypeEnum, {
  name: 'CylinderEventType',
  description: 'What an entry of a cylinder’s log records.',
  valuesConfig: Object.fromEntries(Object.entries(LOG_EVENTS).map(([k, description]) => [k, { description }])),
});
