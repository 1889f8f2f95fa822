import { registerEnumType } from 'type-graphql';

/**
 * A prepaid meter's kind and its relay as GraphQL enums, registered once for every subgraph that
 * shows them (the metering service's meters, the meter twins): composed into one type each.
 */
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
