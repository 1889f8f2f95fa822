import { gql } from '@urql/core';

/** What an alarm centre row shows; shared by the list and the mutations. */
const ALARM_FIELDS = gql`
  fragment AlarmFields on Alarm {
    id
    code
    severity
    state
    message
    value
    assetKind
    assetId
    siteId
    raisedAt
    clearedAt
    acknowledgedBy
    acknowledgedAt
    acknowledgementComment
    shelvedUntil
    shelvedBy
    shelveReason
  }
`;

/** The alarms a filter selects (the page's default: not yet CLEARED and not shelved), newest first. */
export const ALARMS_PAGE = gql`
  query ConsoleAlarms($filter: AlarmFilter, $first: Int!, $after: String) {
    alarms(filter: $filter, first: $first, after: $after) {
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

export const SHELVE_ALARM = gql`
  mutation ConsoleShelveAlarm($id: ID!, $until: DateTime!, $reason: String!) {
    shelveAlarm(id: $id, until: $until, reason: $reason) {
      ...AlarmFields
    }
  }
  ${ALARM_FIELDS}
`;

export const UNSHELVE_ALARM = gql`
  mutation ConsoleUnshelveAlarm($id: ID!) {
    unshelveAlarm(id: $id) {
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

/** Tanks are named in alarm rows by their name (the tanks domain's). */
export const NAMED_TANKS_PAGE = gql`
  query ConsoleNamedTanks($first: Int!, $after: String) {
    tanks(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          site {
            id
            name
          }
        }
      }
    }
  }
`;
