import { registerEnumType } from 'type-graphql';
import { FUEL_POINT_STATES, type FuelPointState } from '../domain/fuel-pump-states';

/**
 * The IFSF fuelling-point states as a GraphQL enum (values are `FUEL_POINT_STATES`), registered once
 * for every subgraph that shows them (the fueling subgraph's sales, the pump twins): composed into one type.
 */
export const FuelPointStateEnum = Object.fromEntries(FUEL_POINT_STATES.map((s) => [s, s])) as { [K in FuelPointState]: K };

registerEnumType(FuelPointStateEnum, {
  name: 'FuelPointState',
  description: 'The state of a fuelling point (a pump side) as IFSF defines it (Standard Forecourt Protocol Part III.01, FP_State 1–9).',
  valuesConfig: {
    INOPERATIVE: { description: 'Out of order (a pulser or calculator fault, a power failure): it cannot sell until the fault is cleared.' },
    CLOSED: { description: 'Closed by the site: it takes no sales until it is opened.' },
    IDLE: { description: 'Open and at rest: no nozzle up, no sale.' },
    CALLING: { description: 'A nozzle is up (or a card read): it waits for the card host’s authorisation.' },
    AUTHORISED: { description: 'Authorised for a sale, which has not started yet.' },
    STARTED: { description: 'The sale started (display reset, motor on); no fuel has flowed yet.' },
    SUSPENDED_STARTED: { description: 'A started sale held before any fuel flowed.' },
    FUELLING: { description: 'Fuel is flowing.' },
    SUSPENDED_FUELLING: { description: 'A sale held mid-flow (by the attendant or the host).' },
  },
});
