import { gql } from '@urql/core';

/** Everything a row, the panel and a live event show of an order, its history included (it is short). */
const SERVICE_ORDER_FIELDS = gql`
  fragment ServiceOrderFields on ServiceOrder {
    id
    number
    type
    status
    customer {
      id
      name
    }
    store {
      id
      name
    }
    assignee
    address
    phone
    requestedDate
    timeSlot
    cylinderSpec
    quantity
    notes
    reason
    hazardControlled
    detectorId
    lelPercent
    valveOpen
    reportedAt
    deadline
    slaState
    pausedSince
    escalation
    escalatedAt
    closedAt
    createdBy
    updatedAt
    events {
      at
      actor
      kind
      fromStatus
      toStatus
      note
    }
  }
`;

/** The queue: open orders first, the nearest deadline first. */
export const SERVICE_ORDERS_PAGE = gql`
  query ConsoleServiceOrders($filter: ServiceOrderFilter, $first: Int!, $after: String) {
    serviceOrders(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ServiceOrderFields
        }
      }
    }
  }
  ${SERVICE_ORDER_FIELDS}
`;

/** How many orders a filter selects, read again after live changes. */
export const SERVICE_ORDER_COUNT = gql`
  query ConsoleServiceOrderCount($filter: ServiceOrderFilter) {
    serviceOrders(filter: $filter, first: 1) {
      totalCount
    }
  }
`;

export const SERVICE_ORDER = gql`
  query ConsoleServiceOrder($id: ID!) {
    serviceOrder(id: $id) {
      ...ServiceOrderFields
    }
  }
  ${SERVICE_ORDER_FIELDS}
`;

/** Every committed change of an order (of the given stores, or all): its state as it is then. */
export const SERVICE_QUEUE_CHANGED = gql`
  subscription ConsoleServiceQueueChanged($storeIds: [ID!]) {
    serviceQueueChanged(storeIds: $storeIds) {
      ...ServiceOrderFields
    }
  }
  ${SERVICE_ORDER_FIELDS}
`;

/** The new order's customer search: by name fragment, card number or 4+ phone digits. */
export const CUSTOMER_CHOICES = gql`
  query ConsoleCustomerChoices($search: String!) {
    customers(filter: { search: $search }, first: 8) {
      edges {
        node {
          id
          name
          cardNumber
          phones
          supplyAddress
          blacklistedAt
        }
      }
    }
  }
`;

export const CREATE_SERVICE_ORDER = gql`
  mutation ConsoleCreateServiceOrder($input: CreateServiceOrderInput!) {
    createServiceOrder(input: $input) {
      ...ServiceOrderFields
    }
  }
  ${SERVICE_ORDER_FIELDS}
`;

export const ASSIGN_SERVICE_ORDER = gql`
  mutation ConsoleAssignServiceOrder($id: ID!, $storeId: ID!, $assignee: String) {
    assignServiceOrder(id: $id, storeId: $storeId, assignee: $assignee) {
      ...ServiceOrderFields
    }
  }
  ${SERVICE_ORDER_FIELDS}
`;

export const DISPATCH_SERVICE_ORDER = gql`
  mutation ConsoleDispatchServiceOrder($id: ID!) {
    dispatchServiceOrder(id: $id) {
      ...ServiceOrderFields
    }
  }
  ${SERVICE_ORDER_FIELDS}
`;

export const COMPLETE_SERVICE_ORDER = gql`
  mutation ConsoleCompleteServiceOrder($id: ID!, $input: CompleteServiceOrderInput!) {
    completeServiceOrder(id: $id, input: $input) {
      ...ServiceOrderFields
    }
  }
  ${SERVICE_ORDER_FIELDS}
`;

export const FAIL_SERVICE_ORDER = gql`
  mutation ConsoleFailServiceOrder($id: ID!, $reason: String!) {
    failServiceOrder(id: $id, reason: $reason) {
      ...ServiceOrderFields
    }
  }
  ${SERVICE_ORDER_FIELDS}
`;

export const CANCEL_SERVICE_ORDER = gql`
  mutation ConsoleCancelServiceOrder($id: ID!, $reason: String!) {
    cancelServiceOrder(id: $id, reason: $reason) {
      ...ServiceOrderFields
    }
  }
  ${SERVICE_ORDER_FIELDS}
`;

export const RECLASSIFY_SERVICE_ORDER = gql`
  mutation ConsoleReclassifyServiceOrder($id: ID!, $type: ServiceOrderType!) {
    reclassifyServiceOrder(id: $id, type: $type) {
      ...ServiceOrderFields
    }
  }
  ${SERVICE_ORDER_FIELDS}
`;
