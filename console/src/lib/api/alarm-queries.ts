import { gql } from '@urql/core';

/** What an alarm centre row shows; shared by the list and the live events. */
const ALARM_FIELDS = gql`
  fragment AlarmFields on Alarm {
    id
    code
    severity
    state
    message
    assetKind
    assetId
    raisedAt
    clearedAt
    acknowledgedBy
    acknowledgedAt
  }
`;

/** The alarms that need attention: not yet CLEARED and not shelved, newest first. */
export const STANDING_ALARMS_PAGE = gql`
  query ConsoleStandingAlarms($first: Int!, $after: String) {
    alarms(filter: { states: [ACTIVE, ACKNOWLEDGED, CLEARED_UNACKNOWLEDGED], shelved: false }, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AlarmFields
        }
      }
    }
  }
  ${ALARM_FIELDS}
`;

export const ALARM_COUNTS = gql`
  query ConsoleAlarmCounts {
    alarmCounts {
      severity
      standing
      unacknowledged
      shelved
    }
  }
`;

export const ACKNOWLEDGE_ALARM = gql`
  mutation ConsoleAcknowledgeAlarm($id: ID!, $comment: String) {
    acknowledgeAlarm(id: $id, comment: $comment) {
      ...AlarmFields
    }
  }
  ${ALARM_FIELDS}
`;

export const ALARM_CHANGED = gql`
  subscription ConsoleAlarmChanged {
    alarmChanged {
      id
    }
  }
`;
