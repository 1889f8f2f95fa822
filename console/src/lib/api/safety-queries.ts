import { gql } from '@urql/core';

/** A shut-off valve as the gas safety page shows it; shared by the detectors and valveChanged. */
const VALVE_FIELDS = gql`
  fragment SafetyValveFields on Valve {
    id
    twin {
      open
      fault
      desiredOpen
      delta
      online
      stale
      lastSeenAt
      version
      interlock {
        detectorId
        trippedAt
        closedAt
        lelPercent
        commandId
      }
      alarms {
        code
        severity
      }
    }
  }
`;

const DETECTOR_FIELDS = gql`
  fragment SafetyDetectorFields on Detector {
    id
    siteId
    levels {
      firstLel
      secondLel
      industrial
    }
    valve {
      ...SafetyValveFields
    }
    twin {
      lelPercent
      fault
      level
      online
      stale
      lastSeenAt
      version
      alarms {
        code
        severity
        state
      }
    }
  }
  ${VALVE_FIELDS}
`;

export const DETECTORS_PAGE = gql`
  query ConsoleDetectors($first: Int!, $after: String) {
    detectors(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...SafetyDetectorFields
        }
      }
    }
  }
  ${DETECTOR_FIELDS}
`;

/** Every detector of the company (no ids: one added later shows up too). */
export const DETECTOR_CHANGED = gql`
  subscription ConsoleDetectorChanged {
    detectorChanged {
      ...SafetyDetectorFields
    }
  }
  ${DETECTOR_FIELDS}
`;

export const VALVE_CHANGED = gql`
  subscription ConsoleValveChanged {
    valveChanged {
      ...SafetyValveFields
    }
  }
  ${VALVE_FIELDS}
`;

export const OPERATE_VALVE = gql`
  mutation ConsoleOperateValve($valveId: ID!, $action: ValveAction!) {
    operateValve(valveId: $valveId, action: $action) {
      id
      status
      desiredJson
      requestedBy
    }
  }
`;
