import { gql } from '@urql/core';

/** Everything a tank card shows about the live twin; shared by the list and the subscription. */
const TWIN_FIELDS = gql`
  fragment TwinFields on TankTwin {
    levelMm
    volumeLiters
    fillPercent
    massKg
    temperatureC
    pressureKPa
    online
    lastSeenAt
    reportedAt
    version
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

export const TANKS_PAGE = gql`
  query ConsoleTanks($first: Int!, $after: String) {
    tanks(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          product
          capacityLiters
          maxFillPercent
          site {
            id
            name
          }
          alarmLevels {
            highHighMm
            highMm
            lowMm
            lowLowMm
          }
          twin {
            ...TwinFields
          }
        }
      }
    }
  }
  ${TWIN_FIELDS}
`;

export const TANK_HISTORY = gql`
  query ConsoleTankHistory($id: ID!, $from: DateTime!, $to: DateTime!) {
    tank(id: $id) {
      id
      twin {
        history(from: $from, to: $to, resolution: AUTO) {
          at
          levelMm
          volumeLiters
          fillPercent
          temperatureC
        }
      }
    }
  }
`;

export const TANK_TWIN_CHANGED = gql`
  subscription ConsoleTankTwinChanged($tankIds: [ID!]) {
    tankTwinChanged(tankIds: $tankIds) {
      id
      twin {
        ...TwinFields
      }
    }
  }
  ${TWIN_FIELDS}
`;
