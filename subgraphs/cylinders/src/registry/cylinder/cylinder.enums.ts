import { registerEnumType } from 'type-graphql';
import type { CylinderEvent } from '@hearth/platform/domain';

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
