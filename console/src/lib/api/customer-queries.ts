import { gql } from '@urql/core';

/** What a search result row shows; the detail panel adds the rest of the record. */
const CUSTOMER_SUMMARY = gql`
  fragment CustomerSummaryFields on Customer {
    id
    cardNumber
    name
    type
    status
    phones
    blacklistedAt
    supplyStation {
      id
      name
    }
    account {
      id
      currency
      balanceMinor
      creditLimitMinor
    }
  }
`;

/** The whole record: the panel's fields, deposits held, permits and contracts (reread after every action). */
export const CUSTOMER_RECORD = gql`
  fragment CustomerRecordFields on Customer {
    ...CustomerSummaryFields
    idKind
    idNumber
    uniqueNumber
    archiveAddress
    supplyAddress
    paymentMethod
    creditLevel
    openedOn
    lastExchangeOn
    terminatedOn
    blacklistReason
    lastSupplyStation {
      id
      name
    }
    depositAccount {
      id
      currency
      balanceMinor
    }
    gasPermits {
      id
      number
      issuedOn
      validUntil
      revokedAt
      revokeReason
    }
    contracts {
      id
      number
      validFrom
      validUntil
      payment
      creditLimitMinor
      billing
      terminatedAt
    }
  }
  ${CUSTOMER_SUMMARY}
`;

/** Customers by name; `filter.search` a name fragment, card or archive number, or 4+ phone digits. */
export const CUSTOMERS_PAGE = gql`
  query ConsoleCustomers($filter: CustomerFilter, $first: Int!, $after: String) {
    customers(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...CustomerSummaryFields
        }
      }
    }
  }
  ${CUSTOMER_SUMMARY}
`;

export const CUSTOMER_DETAIL = gql`
  query ConsoleCustomer($id: ID!) {
    customer(id: $id) {
      ...CustomerRecordFields
    }
  }
  ${CUSTOMER_RECORD}
`;

/** ID and phone numbers whole: `customers:pii` only, and every read lands in the audit log, so asked for on demand. */
export const CUSTOMER_PII = gql`
  query ConsoleCustomerPii($id: ID!) {
    customer(id: $id) {
      id
      idNumber(unmasked: true)
      phones(unmasked: true)
    }
  }
`;

/** A wallet's entries, newest first. */
export const ACCOUNT_ENTRIES_PAGE = gql`
  query ConsoleAccountEntries($accountId: ID!, $first: Int!, $after: String) {
    account(id: $accountId) {
      id
      entries(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            journalId
            kind
            description
            amountMinor
            balanceAfterMinor
            createdAt
          }
        }
      }
    }
  }
`;

/** Changes of the record, newest first. */
export const CUSTOMER_HISTORY_PAGE = gql`
  query ConsoleCustomerHistory($id: ID!, $first: Int!, $after: String) {
    customer(id: $id) {
      id
      history(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            at
            actor
            action
            details
          }
        }
      }
    }
  }
`;

export const TOP_UP_ACCOUNT = gql`
  mutation ConsoleTopUpAccount($input: TopUpAccountInput!) {
    topUpAccount(input: $input) {
      id
      kind
      amountMinor
      balanceAfterMinor
      replayed
    }
  }
`;

export const BLACKLIST_CUSTOMER = gql`
  mutation ConsoleBlacklistCustomer($id: ID!, $reason: String!) {
    blacklistCustomer(id: $id, reason: $reason) {
      ...CustomerRecordFields
    }
  }
  ${CUSTOMER_RECORD}
`;

export const UNBLACKLIST_CUSTOMER = gql`
  mutation ConsoleUnblacklistCustomer($id: ID!) {
    unblacklistCustomer(id: $id) {
      ...CustomerRecordFields
    }
  }
  ${CUSTOMER_RECORD}
`;

export const CREATE_CUSTOMER = gql`
  mutation ConsoleCreateCustomer($input: CreateCustomerInput!) {
    createCustomer(input: $input) {
      id
      name
      cardNumber
    }
  }
`;
