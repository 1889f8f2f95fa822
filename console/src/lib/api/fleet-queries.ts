import { gql } from '@urql/core';

/** Why the broker refused a device's or gateway's messages; shared by gateways and devices. */
const REJECTION_FIELDS = gql`
  fragment RejectionFields on MqttRejection {
    reason
    count
    lastAt
    lastDetail
    deviceKind
    deviceId
  }
`;

/** Every gateway of the company with its connectivity and refusals (twins), page by page. */
export const GATEWAYS_PAGE = gql`
  query ConsoleGateways($first: Int!, $after: String) {
    gateways(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          deviceCount
          twin {
            online
            since
            lastSeenAt
            rejections {
              ...RejectionFields
            }
          }
        }
      }
    }
  }
  ${REJECTION_FIELDS}
`;

/**
 * Every device of the company, page by page; asked for apart from the gateways so that one
 * page of either stays well under the gateway's cost limit.
 */
export const DEVICES_PAGE = gql`
  query ConsoleDevices($first: Int!, $after: String) {
    devices(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          kind
          id
          gatewayId
          connectivity {
            online
            stale
            lastSeenAt
          }
          rejections {
            ...RejectionFields
          }
        }
      }
    }
  }
  ${REJECTION_FIELDS}
`;

const OPEN_COMMAND_FIELDS = gql`
  fragment OpenCommandFields on Command {
    id
    deviceKind
    deviceId
    status
    createdAt
    expiresAt
    sendCount
    requestedBy
    desired {
      inletValveOpen
      highHighSetpointMm
    }
  }
`;

/** Commands still on their way to a device (stored PENDING or SENT), newest first; the page groups them per device. */
export const OPEN_COMMANDS = gql`
  query ConsoleOpenCommands($first: Int!) {
    pending: commands(status: PENDING, first: $first) {
      totalCount
      edges {
        node {
          ...OpenCommandFields
        }
      }
    }
    sent: commands(status: SENT, first: $first) {
      totalCount
      edges {
        node {
          ...OpenCommandFields
        }
      }
    }
  }
  ${OPEN_COMMAND_FIELDS}
`;

/** Tank devices are named by their tank, and show its twin's connectivity. */
export const DEVICE_TANKS_PAGE = gql`
  query ConsoleDeviceTanks($first: Int!, $after: String) {
    tanks(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          twin {
            online
            lastSeenAt
          }
        }
      }
    }
  }
`;
