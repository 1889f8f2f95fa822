import { gql } from '@urql/core';

const SCALE_TWIN = gql`
  fragment ScaleTwinFields on ScaleTwin {
    weightKg
    online
    stale
    lastSeenAt
    version
    interlock {
      state
      tag
      cylinderId
      reason
      message
      decidedAt
    }
    lastFill {
      tag
      netKg
      at
      overfill
    }
    alarms {
      code
      severity
      message
    }
  }
`;

/** The filling stations with their scales, each with its live twin. */
export const FILLING_STATIONS = gql`
  query ConsoleFillingStations {
    fillingStations {
      siteId
      company
      scales {
        id
        name
        twin {
          ...ScaleTwinFields
        }
      }
    }
  }
  ${SCALE_TWIN}
`;

/** Each committed change of the station's scales' twins. */
export const SCALE_TWIN_CHANGED = gql`
  subscription ConsoleScaleTwinChanged($scaleIds: [ID!]) {
    scaleTwinChanged(scaleIds: $scaleIds) {
      id
      twin {
        ...ScaleTwinFields
      }
    }
  }
  ${SCALE_TWIN}
`;

/** The station's day: totals by shift, spec and scale, and its latest fills. */
export const FILLING_DAY = gql`
  query ConsoleFillingDay($stationId: ID!, $day: LocalDate!, $first: Int!) {
    fillingShiftTotals(stationId: $stationId, day: $day) {
      shift
      specCode
      scaleId
      totals {
        fills
        netKg
        overfills
        bypasses
        refused
      }
    }
    fillRecords(filter: { stationId: $stationId }, first: $first) {
      edges {
        node {
          id
          tag
          cylinderId
          scaleId
          specCode
          operator
          netKg
          filledAt
          released
          overfill
          refusal
        }
      }
    }
  }
`;
