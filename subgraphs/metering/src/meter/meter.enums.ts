import { registerEnumType } from 'type-graphql';

// The meter's kind and relay are shown by the meter twins too: one definition, in the platform.
export { MeterKind, RelayState } from '@hearth/platform/graphql';

/** How far a meter's balance has fallen, as the metering service last judged it. */
export enum MeterAlarmLevel {
  NONE = 'NONE',
  ALARM1 = 'ALARM1',
  ALARM2 = 'ALARM2',
}
registerEnumType(MeterAlarmLevel, {
  name: 'MeterAlarmLevel',
  description: 'How low a meter’s balance is, against its company’s metering policy, as the metering service last judged it.',
  valuesConfig: {
    NONE: { description: 'Above the first alarm level.' },
    ALARM1: { description: 'At or below alarm 1: the customer was notified to top up.' },
    ALARM2: { description: 'At or below alarm 2: the meter was sent its alarm command.' },
  },
});
