import { gql } from '@urql/core';

/** What a meter's row and panel show of its twin; shared by the reads and the subscription. */
const METER_TWIN = gql`
  fragment MeterTwinFields on MeterTwin {
    online
    stale
    lastSeenAt
    version
    registerKwh
    registerM3
    observedAt
    relay {
      intended
      reported
      reportedAt
      pendingAction
      pendingSince
      lastCommandStatus
      unconfirmed
      tamper
    }
    balanceMinor
    remainingMoneyMinor
  }
`;

const METER_ROW = gql`
  fragment MeterRowFields on Meter {
    id
    kind
    serial
    name
    site {
      id
      name
    }
    customer {
      id
      name
    }
    tariff {
      id
      name
    }
    supplyProtected
    protectedReason
    protectedUntil
    relayIntended
    alarmLevel
    balanceMinor
    twin {
      ...MeterTwinFields
    }
  }
  ${METER_TWIN}
`;

/** A page of meters a filter selects, in the order they were registered. */
export const METERS_PAGE = gql`
  query ConsoleMeters($filter: MeterFilter, $first: Int!, $after: String) {
    meters(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...MeterRowFields
        }
      }
    }
  }
  ${METER_ROW}
`;

export const METER = gql`
  query ConsoleMeter($id: ID!) {
    meter(id: $id) {
      ...MeterRowFields
      accountId
      createdAt
    }
  }
  ${METER_ROW}
`;

/** Meters' twins as they change (and as their balances move): of one meter, of one site's, or of all. */
export const METER_TWIN_CHANGED = gql`
  subscription ConsoleMeterTwinChanged($meterId: ID, $siteId: ID) {
    meterTwinChanged(meterId: $meterId, siteId: $siteId) {
      meterId
      ...MeterTwinFields
    }
  }
  ${METER_TWIN}
`;

export const SET_METER_SUPPLY_PROTECTION = gql`
  mutation ConsoleSetMeterSupplyProtection($meterId: ID!, $protected: Boolean!, $reason: String, $until: DateTime) {
    setMeterSupplyProtection(meterId: $meterId, protected: $protected, reason: $reason, until: $until) {
      ...MeterRowFields
      accountId
      createdAt
    }
  }
  ${METER_ROW}
`;

const POLICY = gql`
  fragment MeteringPolicyFields on MeteringPolicy {
    alarm1Minor
    alarm2Minor
    emergencyCreditMinor
    reconnectMinor
    reconnectAction
    friendlyNights {
      from
      to
    }
    friendlyWeekends
    friendlyHolidays
    holidays
    updatedAt
  }
`;

export const METERING_POLICY = gql`
  query ConsoleMeteringPolicy {
    meteringPolicy {
      ...MeteringPolicyFields
    }
  }
  ${POLICY}
`;

export const SET_METERING_POLICY = gql`
  mutation ConsoleSetMeteringPolicy($input: SetMeteringPolicyInput!) {
    setMeteringPolicy(input: $input) {
      ...MeteringPolicyFields
    }
  }
  ${POLICY}
`;

export const METER_CHARGES_PAGE = gql`
  query ConsoleMeterCharges($meterId: ID!, $first: Int!, $after: String) {
    meterCharges(meterId: $meterId, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          observedAt
          register
          consumed
          amountMinor
          paidMinor
          status
          review
          balanceAfterMinor
          source
        }
      }
    }
  }
`;

/** A meter's supply decisions (alarms, trips, reconnections), newest first. */
export const METER_SUPPLY_EVENTS_PAGE = gql`
  query ConsoleMeterSupplyEvents($meterId: ID!, $first: Int!, $after: String) {
    meterSupplyEvents(meterId: $meterId, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          action
          reason
          balanceMinor
          createdAt
        }
      }
    }
  }
`;

export const METER_STATEMENT = gql`
  query ConsoleMeterStatement($meterId: ID!, $period: StatementPeriod!, $day: LocalDate!) {
    meterStatement(meterId: $meterId, period: $period, day: $day) {
      period
      day
      from
      to
      openingRegister
      closingRegister
      consumed
      readings
      chargedMinor
      paidMinor
      unfundedMinor
      openingBalanceMinor
      topUpsMinor
      chargesPostedMinor
      otherMovementsMinor
      closingBalanceMinor
    }
  }
`;

export const METER_CONSUMPTION = gql`
  query ConsoleMeterConsumption($meterId: ID!, $from: DateTime!, $to: DateTime!, $bucket: ConsumptionBucketSize!) {
    meterConsumption(meterId: $meterId, from: $from, to: $to, bucket: $bucket) {
      at
      consumed
      amountMinor
    }
  }
`;

export const METER_RECONCILIATION = gql`
  query ConsoleMeterReconciliation($meterId: ID!) {
    meterReconciliation(meterId: $meterId) {
      reportedAt
      meterRemainingMinor
      ledgerBalanceMinor
      differenceMinor
      currentBalanceMinor
    }
  }
`;

const TARIFF_SUMMARY = gql`
  fragment TariffSummaryFields on Tariff {
    id
    kind
    name
    markupCapPercent
    createdAt
    current {
      id
      type
      effectiveFrom
    }
  }
`;

export const TARIFFS_PAGE = gql`
  query ConsoleTariffs($kind: MeterKind, $first: Int!, $after: String) {
    tariffs(kind: $kind, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...TariffSummaryFields
        }
      }
    }
  }
  ${TARIFF_SUMMARY}
`;

const TARIFF = gql`
  fragment TariffFields on Tariff {
    ...TariffSummaryFields
    versions {
      id
      effectiveFrom
      scheduled
      type
      unitPrice
      billingPeriod
      tiers {
        tier
        uptoUnits
        unitPrice
      }
      touPrices {
        period
        unitPrice
      }
      touSlots {
        days
        from
        period
      }
      holidays
      officialUnitPrice
      createdAt
    }
  }
  ${TARIFF_SUMMARY}
`;

export const TARIFF_QUERY = gql`
  query ConsoleTariff($id: ID!) {
    tariff(id: $id) {
      ...TariffFields
    }
  }
  ${TARIFF}
`;

export const ADD_TARIFF_VERSION = gql`
  mutation ConsoleAddTariffVersion($tariffId: ID!, $version: TariffVersionInput!, $effectiveFrom: DateTime) {
    addTariffVersion(tariffId: $tariffId, version: $version, effectiveFrom: $effectiveFrom) {
      ...TariffFields
    }
  }
  ${TARIFF}
`;

export const CREATE_TARIFF = gql`
  mutation ConsoleCreateTariff($input: CreateTariffInput!) {
    createTariff(input: $input) {
      ...TariffFields
    }
  }
  ${TARIFF}
`;
