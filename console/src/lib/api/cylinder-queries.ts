import { gql } from '@urql/core';

/** Stock by site and spec, in transit and at customers, and the day's flows at each site (refetched on an interval: no subscription). */
export const CYLINDER_STOCK_AND_FLOWS = gql`
  query ConsoleCylinderStock($day: LocalDate!) {
    cylinderStock {
      sites {
        siteId
        specCode
        full
        empty
        inspection
      }
      inTransitFull
      inTransitEmpty
      atCustomers
    }
    cylinderFlows(day: $day) {
      siteId
      fills
      dispatched
      received
      handedOver
      takenBack
    }
  }
`;

const SUMMARY = gql`
  fragment CylinderSummaryFields on Cylinder {
    id
    serial
    tag
    state
    spec {
      code
    }
    location {
      id
    }
  }
`;

/** Serials starting with the text, and the cylinder whose tag it is (a scan pasted in). */
export const CYLINDER_SEARCH = gql`
  query ConsoleCylinderSearch($serialPrefix: String!, $tag: String!) {
    cylinders(filter: { serialPrefix: $serialPrefix }, first: 20) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...CylinderSummaryFields
        }
      }
    }
    cylinderByTag(tag: $tag) {
      ...CylinderSummaryFields
    }
  }
  ${SUMMARY}
`;

/** One cylinder's record; its twin (twins) and holder's name (customers) only for viewers who may read them. */
export const CYLINDER_DETAIL = gql`
  query ConsoleCylinder($id: ID!, $withTwin: Boolean!, $withCustomer: Boolean!) {
    cylinder(id: $id) {
      ...CylinderSummaryFields
      content
      manufacturer
      manufacturedOn
      designLifeEnds
      lastInspectedOn
      nextInspectionDue
      ownerCompany
      fixedStation {
        id
      }
      holder {
        id
        name @include(if: $withCustomer)
      }
      transferOrderId
      lastFill {
        at
        stationId
        netKg
      }
      twin @include(if: $withTwin) {
        remainingKg
        remainingPercent
        online
        lastSeenAt
      }
    }
  }
  ${SUMMARY}
`;

/** A cylinder's log, newest first. */
export const CYLINDER_HISTORY_PAGE = gql`
  query ConsoleCylinderHistory($id: ID!, $first: Int!, $after: String) {
    cylinder(id: $id) {
      history(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            at
            event
            fromState
            toState
            siteId
            deviceId
            actor
            ref
          }
        }
      }
    }
  }
`;
