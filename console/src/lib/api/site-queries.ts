import { gql } from '@urql/core';

/** Every site's name (the tanks domain's), for naming where an alarm or a detector is. */
export const SITES_PAGE = gql`
  query ConsoleSites($first: Int!, $after: String) {
    sites(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
        }
      }
    }
  }
`;
