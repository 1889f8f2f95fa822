import { registerEnumType } from 'type-graphql';

/** What a meter measures (and so its units and its tariffs'). */
export enum MeterKind {
  ELECTRICITY = 'ELECTRICITY',
  GAS = 'GAS',
}
registerEnumType(MeterKind, {
  name: 'MeterKind',
  description: 'What a meter measures: its register’s units and the kind of tariff it is charged by.',
  valuesConfig: {
    ELECTRICITY: { description: 'An electricity meter (kWh; DL/T 645-2007, addressed by 12 digits), e.g. a shop in a mall.' },
    GAS: { description: 'A gas meter (m³), e.g. at a home.' },
  },
});

/** The relay that connects a meter's supply. */
export enum RelayState {
  CLOSED = 'CLOSED',
  OPEN = 'OPEN',
}
registerEnumType(RelayState, {
  name: 'RelayState',
  description: 'A meter’s supply relay (or gas valve): closed supplies, open cuts the supply off.',
  valuesConfig: {
    CLOSED: { description: 'Closed: supply on.' },
    OPEN: { description: 'Open: supply cut off (tripped).' },
  },
});

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
