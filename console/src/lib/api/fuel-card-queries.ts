import { gql } from '@urql/core';

/** A card as the list shows it; light, so 50 a page stay within the gateway's cost. */
const CARD_ROW = gql`
  fragment FuelCardRow on FuelCard {
    id
    cardNumber
    kind
    funding
    status
    customerId
    masterCardId
    plate
    expiresOn
    issuedAt
    holder {
      id
      name
    }
  }
`;

/** Everything the card's panel shows. */
const CARD_DETAIL = gql`
  fragment FuelCardDetail on FuelCard {
    ...FuelCardRow
    accountId
    allowedGrades
    allowedStationIds
    replacedById
    statusChangedAt
    masterCard {
      id
      cardNumber
    }
    limits {
      period
      maxAmountMinor
      maxVolumeMl
      usedAmountMinor
      usedVolumeMl
      fromMasterCard
    }
    funds {
      balanceMinor
      creditLimitMinor
      heldMinor
      availableMinor
    }
  }
  ${CARD_ROW}
`;

/** The cards a filter selects, newest issued first. */
export const FUEL_CARDS_PAGE = gql`
  query ConsoleFuelCards($filter: FuelCardFilter, $first: Int!, $after: String) {
    fuelCards(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...FuelCardRow
        }
      }
    }
  }
  ${CARD_ROW}
`;

export const FUEL_CARD = gql`
  query ConsoleFuelCard($id: ID!) {
    fuelCard(id: $id) {
      ...FuelCardDetail
    }
  }
  ${CARD_DETAIL}
`;

/** Customers whose name (or card, archive or phone number) matches, to find their fuel cards. */
export const CARD_HOLDERS = gql`
  query ConsoleFuelCardHolders($search: String!) {
    customers(filter: { search: $search }, first: 10) {
      edges {
        node {
          id
          name
          cardNumber
        }
      }
    }
  }
`;

export const REPORT_CARD_LOST = gql`
  mutation ConsoleReportCardLost($cardId: ID!) {
    reportCardLost(cardId: $cardId) {
      ...FuelCardDetail
    }
  }
  ${CARD_DETAIL}
`;

export const BLOCK_FUEL_CARD = gql`
  mutation ConsoleBlockFuelCard($cardId: ID!) {
    blockFuelCard(cardId: $cardId) {
      ...FuelCardDetail
    }
  }
  ${CARD_DETAIL}
`;

export const UNBLOCK_FUEL_CARD = gql`
  mutation ConsoleUnblockFuelCard($cardId: ID!) {
    unblockFuelCard(cardId: $cardId) {
      ...FuelCardDetail
    }
  }
  ${CARD_DETAIL}
`;

export const REISSUE_FUEL_CARD = gql`
  mutation ConsoleReissueFuelCard($cardId: ID!, $newCardNumber: String!) {
    reissueFuelCard(cardId: $cardId, newCardNumber: $newCardNumber) {
      ...FuelCardDetail
    }
  }
  ${CARD_DETAIL}
`;

export const ISSUE_FUEL_CARD = gql`
  mutation ConsoleIssueFuelCard($input: IssueFuelCardInput!) {
    issueFuelCard(input: $input) {
      ...FuelCardDetail
    }
  }
  ${CARD_DETAIL}
`;
