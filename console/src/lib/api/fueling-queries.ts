import { gql } from '@urql/core';

/** Everything a pump's card shows of its twin; shared by the station's read and the subscription. */
const PUMP_TWIN = gql`
  fragment PumpTwinFields on PumpTwin {
    online
    stale
    lastSeenAt
    version
    state
    nozzle
    volumeMl
    amountMinor
    pendingAuthorization {
      authorizationId
      cardMasked
      nozzle
      requestedAt
    }
    lastDecision {
      action
      limitMinor
      reason
      nozzle
      decidedAt
      withdrawn
    }
    lastSale {
      counter
      nozzle
      grade
      volumeMl
      amountMinor
      endedAt
    }
    alarms {
      id
      code
      severity
      state
      message
      raisedAt
    }
  }
`;

/** The company's fuel stations with their names (a company has a handful: one page). */
export const FUEL_STATIONS = gql`
  query ConsoleFuelStations {
    fuelStations(first: 200) {
      edges {
        node {
          id
          site {
            id
            name
          }
        }
      }
    }
  }
`;

/** One station: its offline-card status, prices in effect, and its pumps with their twins. */
export const FUEL_STATION = gql`
  query ConsoleFuelStation($id: ID!) {
    fuelStation(id: $id) {
      id
      site {
        id
        name
      }
      offlineCardsAccepted
      offlineCardWindowMinutes
      cardListVersion
      cardListConfirmedAt
      prices {
        id
        stationId
        unitPriceMinor
        effectiveAt
        grade {
          code
          name
        }
      }
      pumps {
        id
        name
        dispenser
        nozzles {
          number
          tankId
          grade {
            code
            name
          }
        }
        twin {
          ...PumpTwinFields
        }
      }
    }
  }
  ${PUMP_TWIN}
`;

/** Each committed change of the station's pumps' twins. */
export const PUMP_TWIN_CHANGED = gql`
  subscription ConsolePumpTwinChanged($stationId: ID!) {
    pumpTwinChanged(stationId: $stationId) {
      pumpId
      ...PumpTwinFields
    }
  }
  ${PUMP_TWIN}
`;
