import { gql } from '@urql/core';

/** Everything the API keys page shows about a key; shared by the list and the mutations. */
const API_KEY_FIELDS = gql`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    scopes
    expiresAt
    allowedOrigins
    allowedIps
    ratePerMinute
    dailyQuota
    createdAt
    revokedAt
    lastUsedAt
    usage(days: 7) {
      day
      operations
      events
      rejected
    }
  }
`;

export const API_KEYS_PAGE = gql`
  query ConsoleApiKeys($first: Int!, $after: String) {
    apiKeys(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ApiKeyFields
        }
      }
    }
  }
  ${API_KEY_FIELDS}
`;

export const CREATE_API_KEY = gql`
  mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        ...ApiKeyFields
      }
    }
  }
  ${API_KEY_FIELDS}
`;

export const ROTATE_API_KEY = gql`
  mutation ConsoleRotateApiKey($id: ID!, $graceSeconds: Int) {
    rotateApiKey(id: $id, graceSeconds: $graceSeconds) {
      secret
      apiKey {
        ...ApiKeyFields
      }
    }
  }
  ${API_KEY_FIELDS}
`;

export const REVOKE_API_KEY = gql`
  mutation ConsoleRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyFields
    }
  }
  ${API_KEY_FIELDS}
`;

/** The audit log, newest first; `domains` null for every domain. */
export const AUDIT_LOG_PAGE = gql`
  query ConsoleAuditLog($domains: [String!], $first: Int!, $after: String) {
    auditLog(domains: $domains, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          domain
          actor
          action
          target
          details
          requestId
        }
      }
    }
  }
`;
