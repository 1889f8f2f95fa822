import { gql } from '@urql/core';

const SALE_FIELDS = gql`
  fragment FuelSaleFields on FuelSale {
    id
    pumpId
    counter
    stationId
    nozzle
    gradeCode
    cardNumber
    cardId
    volumeMl
    unitPriceMinor
    amountMinor
    endedAt
    offline
    anomalies {
      code
      details
    }
  }
`;

/** Settled sales a filter selects, newest first (by when fuelling ended). */
export const FUEL_SALES_PAGE = gql`
  query ConsoleFuelSales($filter: FuelSaleFilter, $first: Int!, $after: String) {
    fuelTransactions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...FuelSaleFields
        }
      }
    }
  }
  ${SALE_FIELDS}
`;

/** A card by its printed number, to filter sales by it. */
export const FUEL_CARD_BY_NUMBER = gql`
  query ConsoleFuelCardByNumber($cardNumber: String!) {
    fuelCardByNumber(cardNumber: $cardNumber) {
      id
    }
  }
`;

/** A station's pumps, to filter its sales by one and name them. */
export const STATION_PUMPS = gql`
  query ConsoleStationPumps($stationId: ID!) {
    pumps(stationId: $stationId) {
      id
      name
    }
  }
`;

const FIGURES = gql`
  fragment FuelFigures on FuelSalesReportRow {
    salesCount
    volumeMl
    amountMinor
    cardAmountMinor
    cashAmountMinor
  }
`;

/** The day's or month's totals, by station and grade, and by shift. */
export const FUEL_SALES_REPORT = gql`
  query ConsoleFuelSalesReport($day: LocalDate!, $period: FuelReportPeriod!, $stationId: ID) {
    byGrade: fuelSalesReport(day: $day, period: $period, stationId: $stationId, groupBy: [STATION, GRADE]) {
      firstDay
      lastDay
      timeZone
      totals {
        salesCount
        volumeMl
        amountMinor
        cardAmountMinor
        cashAmountMinor
      }
      rows {
        stationId
        gradeCode
        ...FuelFigures
      }
    }
    byShift: fuelSalesReport(day: $day, period: $period, stationId: $stationId, groupBy: [SHIFT]) {
      rows {
        shift
        shiftStartsAt
        ...FuelFigures
      }
    }
  }
  ${FIGURES}
`;

/** A station's tanks for a day: sold against measured outflow, and the variance; with the tanks' names. */
export const WET_STOCK = gql`
  query ConsoleWetStock($day: LocalDate!, $stationId: ID!) {
    wetStockReconciliation(day: $day, stationId: $stationId) {
      tanks {
        tankId
        gradeCodes
        salesCount
        soldLiters
        openingLiters
        openingReadAt
        closingLiters
        closingReadAt
        deliveries
        deliveredLiters
        measuredOutflowLiters
        varianceLiters
        variancePercent
        allowedVarianceLiters
        exceeded
      }
      unassignedSalesCount
      unassignedSoldLiters
    }
    tanks(siteId: $stationId, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`;

/** The day's flagged sales: counts per rule, and the sales. */
export const FUEL_ANOMALIES = gql`
  query ConsoleFuelAnomalies($day: LocalDate!, $stationId: ID, $first: Int!) {
    fuelAnomalies(day: $day, stationId: $stationId, first: $first) {
      flaggedSalesCount
      truncated
      counts {
        code
        salesCount
      }
      sales {
        ...FuelSaleFields
      }
    }
  }
  ${SALE_FIELDS}
`;
