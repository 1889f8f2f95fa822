/**
 * Prepaid meters and tariffs as the console reads them: meters, tariffs, charges, the supply policy
 * and statements (the metering subgraph); each meter's live twin (the twins subgraph); site and
 * customer names (tanks, customers). Keep in step with metering-queries.ts.
 */
import type { Connection } from './types';

export type MeterKind = 'ELECTRICITY' | 'GAS';
export type RelayState = 'CLOSED' | 'OPEN';
export type MeterAlarmLevel = 'NONE' | 'ALARM1' | 'ALARM2';
export type MeterCommandAction = 'TRIP' | 'ALLOW_CLOSE' | 'CLOSE' | 'ALARM' | 'READ_RELAY';
export type MeterCommandStatus = 'PENDING' | 'SENT' | 'ACCEPTED' | 'REJECTED' | 'DONE' | 'EXPIRED' | 'CANCELLED';
export type MeterChargeStatus = 'CHARGED' | 'UNFUNDED' | 'UNCHANGED' | 'BASELINE' | 'BEHIND' | 'RESET' | 'JUMP' | 'UNBOUND';
export type ReconnectAction = 'ALLOW_CLOSE' | 'CLOSE';
export type TariffType = 'FLAT' | 'TIERED' | 'TOU';
export type TariffBillingPeriod = 'MONTH' | 'YEAR';
export type TouPeriod = 'SHARP' | 'PEAK' | 'FLAT' | 'VALLEY';
export type TouDays = 'WEEKDAY' | 'WEEKEND' | 'HOLIDAY';
export type StatementPeriod = 'DAY' | 'MONTH';
export type ConsumptionBucketSize = 'HOUR' | 'DAY';
export type SupplyEventAction = 'NOTIFY_ALARM1' | 'ALARM' | 'TRIP' | 'ALARM_RELEASE' | 'ALLOW_CLOSE' | 'CLOSE';

export interface MeterRelay {
  intended: RelayState;
  reported: RelayState | null;
  reportedAt: string | null;
  pendingAction: MeterCommandAction | null;
  pendingSince: string | null;
  lastCommandStatus: MeterCommandStatus | null;
  unconfirmed: boolean;
  tamper: boolean;
}

export interface MeterTwin {
  online: boolean;
  stale: boolean;
  lastSeenAt: string | null;
  version: number;
  registerKwh: number | null;
  registerM3: number | null;
  observedAt: string | null;
  relay: MeterRelay;
  balanceMinor: number | null;
  remainingMoneyMinor: number | null;
}

export interface MeterRow {
  id: string;
  kind: MeterKind;
  serial: string;
  name: string;
  site: { id: string; name: string } | null;
  customer: { id: string; name: string } | null;
  tariff: { id: string; name: string } | null;
  supplyProtected: boolean;
  protectedReason: string | null;
  protectedUntil: string | null;
  relayIntended: RelayState;
  alarmLevel: MeterAlarmLevel;
  balanceMinor: number | null;
  twin: MeterTwin | null;
}

export interface MeterDetail extends MeterRow {
  accountId: string | null;
  createdAt: string;
}

export interface MetersPage {
  meters: Connection<MeterRow> & { totalCount: number };
}

/** The API's MeterFilter, as far as the console sets it. */
export interface MeterFilterInput {
  siteId?: string;
  kind?: MeterKind;
  lowBalance?: boolean;
  protected?: boolean;
  relay?: RelayState;
  search?: string;
}

export interface MeteringPolicy {
  alarm1Minor: number;
  alarm2Minor: number;
  emergencyCreditMinor: number;
  reconnectMinor: number;
  reconnectAction: ReconnectAction;
  friendlyNights: { from: string; to: string } | null;
  friendlyWeekends: boolean;
  friendlyHolidays: boolean;
  holidays: string[];
  updatedAt: string | null;
}

export interface SetMeteringPolicyInput {
  alarm1Minor: number;
  alarm2Minor: number;
  emergencyCreditMinor: number;
  reconnectMinor: number;
  reconnectAction: ReconnectAction;
  friendlyNights?: { from: string; to: string };
  noFriendlyNights?: boolean;
  friendlyWeekends: boolean;
  friendlyHolidays: boolean;
  holidays: string[];
}

export interface MeterCharge {
  id: string;
  observedAt: string;
  register: number;
  consumed: number;
  amountMinor: number;
  paidMinor: number;
  status: MeterChargeStatus;
  review: boolean;
  balanceAfterMinor: number | null;
  source: string;
}

export interface MeterChargesPage {
  meterCharges: Connection<MeterCharge>;
}

/** One supply decision about a meter: an alarm or a relay command, why, and the balance it was decided on. */
export interface MeterSupplyEvent {
  id: string;
  action: SupplyEventAction;
  /** BALANCE_ALARM1, BALANCE_ALARM2, BALANCE_FLOOR, BALANCE_RESTORED, TOP_UP, SUPPLY_PROTECTED, PROTECTION_ENDED or OPERATOR (a later one shows as itself). */
  reason: string;
  balanceMinor: number | null;
  createdAt: string;
}

export interface MeterSupplyEventsPage {
  meterSupplyEvents: Connection<MeterSupplyEvent>;
}

export interface MeterStatement {
  period: StatementPeriod;
  day: string;
  from: string;
  to: string;
  openingRegister: number | null;
  closingRegister: number | null;
  consumed: number;
  readings: number;
  chargedMinor: number;
  paidMinor: number;
  unfundedMinor: number;
  openingBalanceMinor: number;
  topUpsMinor: number;
  chargesPostedMinor: number;
  otherMovementsMinor: number;
  closingBalanceMinor: number;
}

export interface ConsumptionBucket {
  at: string;
  consumed: number;
  amountMinor: number;
}

export interface MeterReconciliation {
  reportedAt: string | null;
  meterRemainingMinor: number | null;
  ledgerBalanceMinor: number | null;
  differenceMinor: number | null;
  currentBalanceMinor: number | null;
}

export interface TariffTier {
  tier: number;
  uptoUnits: number | null;
  unitPrice: string;
}

export interface TariffVersion {
  id: string;
  effectiveFrom: string;
  scheduled: boolean;
  type: TariffType;
  unitPrice: string | null;
  billingPeriod: TariffBillingPeriod | null;
  tiers: TariffTier[];
  touPrices: { period: TouPeriod; unitPrice: string }[];
  touSlots: { days: TouDays; from: string; period: TouPeriod }[];
  holidays: string[];
  officialUnitPrice: string | null;
  createdAt: string;
}

export interface TariffSummary {
  id: string;
  kind: MeterKind;
  name: string;
  markupCapPercent: number | null;
  createdAt: string;
  current: Pick<TariffVersion, 'id' | 'type' | 'effectiveFrom'> | null;
}

export interface Tariff extends TariffSummary {
  versions: TariffVersion[];
}

export interface TariffsPage {
  tariffs: Connection<TariffSummary>;
}

/** The API's TariffVersionInput, prices in yuan as typed (the service checks them). */
export interface TariffVersionInput {
  type: TariffType;
  unitPrice?: string;
  billingPeriod?: TariffBillingPeriod;
  tiers?: { uptoUnits: number | null; unitPrice: string }[];
  touPrices?: { period: TouPeriod; unitPrice: string }[];
  touSlots?: { days: TouDays; from: string; period: TouPeriod }[];
  holidays?: string[];
  officialUnitPrice?: string;
}
