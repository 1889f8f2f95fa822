import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate, Minor } from '@hearth/platform/graphql';
import { MeterKind } from '../meter/meter.enums';

export enum StatementPeriod {
  DAY = 'DAY',
  MONTH = 'MONTH',
}
registerEnumType(StatementPeriod, {
  name: 'StatementPeriod',
  description: 'A calendar day or month, company time (Asia/Shanghai).',
  valuesConfig: { DAY: { description: 'One calendar day.' }, MONTH: { description: 'The calendar month the day is in.' } },
});

export enum ConsumptionBucketSize {
  HOUR = 'HOUR',
  DAY = 'DAY',
}
registerEnumType(ConsumptionBucketSize, {
  name: 'ConsumptionBucketSize',
  description: 'How consumption is summed for a chart.',
  valuesConfig: { HOUR: { description: 'By clock hour.' }, DAY: { description: 'By calendar day, company time.' } },
});

@ObjectType({ description: 'One meter’s consumption and money over a day or a month.' })
export class MeterStatement {
  @Field(() => ID, { description: 'The meter.' }) meterId!: string;
  @Field(() => StatementPeriod, { description: 'Day or month.' }) period!: StatementPeriod;
  @Field(() => LocalDate, { description: 'Its first day.' }) day!: string;
  @Field(() => Date, { description: 'Start (included).' }) from!: Date;
  @Field(() => Date, { description: 'End (excluded).' }) to!: Date;
  @Field(() => Float, { nullable: true, description: 'The register at the start (the newest reading before it), kWh or m³.' }) openingRegister!: number | null;
  @Field(() => Float, { nullable: true, description: 'The register at the end (the newest reading before it).' }) closingRegister!: number | null;
  @Field(() => Float, { description: 'Consumption charged in the period, kWh or m³ (resets, jumps and replacements make it differ from closing − opening).' })
  consumed!: number;
  @Field(() => Int, { description: 'Readings taken in the period.' }) readings!: number;
  @Field(() => Minor, { description: 'What the tariff charged for readings of the period, fen.' }) chargedMinor!: number;
  @Field(() => Minor, { description: 'What the wallet paid of it, fen.' }) paidMinor!: number;
  @Field(() => Minor, { description: 'What it could not pay (UNFUNDED), fen.' }) unfundedMinor!: number;
  @Field(() => ID, { nullable: true, description: 'The wallet it is charged to (a mall tenant’s shops may share one).' }) accountId!: string | null;
  @Field(() => Minor, { description: 'The wallet’s balance at the start, fen.' }) openingBalanceMinor!: number;
  @Field(() => Minor, { description: 'Top-ups into the wallet in the period, fen.' }) topUpsMinor!: number;
  @Field(() => Minor, { description: 'This meter’s charges as posted to the wallet in the period (by posting time), fen.' }) chargesPostedMinor!: number;
  @Field(() => Minor, { description: 'Everything else that moved the wallet (other meters on it, refunds, other services), fen.' })
  otherMovementsMinor!: number;
  @Field(() => Minor, { description: 'The wallet’s balance at the end: opening + top-ups − charges posted + other movements, fen.' })
  closingBalanceMinor!: number;
}

@ObjectType({ description: 'One meter of a site over a month.' })
export class SiteMeterStatementRow {
  @Field(() => ID, { description: 'The meter.' }) meterId!: string;
  @Field(() => String, { description: 'Its name (the shop).' }) name!: string;
  @Field(() => MeterKind, { description: 'Electricity or gas.' }) kind!: MeterKind;
  @Field(() => Float, { nullable: true, description: 'The register at the start, kWh or m³.' }) openingRegister!: number | null;
  @Field(() => Float, { nullable: true, description: 'The register at the end.' }) closingRegister!: number | null;
  @Field(() => Float, { description: 'Consumption charged, kWh or m³.' }) consumed!: number;
  @Field(() => Minor, { description: 'Charged, fen.' }) chargedMinor!: number;
  @Field(() => Minor, { description: 'Paid, fen.' }) paidMinor!: number;
  @Field(() => Minor, { description: 'Unpaid (UNFUNDED), fen.' }) unfundedMinor!: number;
}

@ObjectType({ description: 'A site’s (a mall’s) meters over a month, each and in all.' })
export class SiteMeteringStatement {
  @Field(() => ID, { description: 'The site.' }) siteId!: string;
  @Field(() => String, { description: 'The month, YYYY-MM.' }) month!: string;
  @Field(() => [SiteMeterStatementRow], { description: 'Each meter of the site, by name.' }) meters!: SiteMeterStatementRow[];
  @Field(() => Float, { description: 'Electricity consumed, kWh.' }) electricityKwh!: number;
  @Field(() => Float, { description: 'Gas consumed, m³.' }) gasM3!: number;
  @Field(() => Minor, { description: 'Charged in all, fen.' }) chargedMinor!: number;
  @Field(() => Minor, { description: 'Paid in all, fen.' }) paidMinor!: number;
  @Field(() => Minor, { description: 'Unpaid in all, fen.' }) unfundedMinor!: number;
}

@ObjectType({ description: 'Consumption over one hour or day (by reading time), for a chart.' })
export class ConsumptionBucket {
  @Field(() => Date, { description: 'Its start.' }) at!: Date;
  @Field(() => Float, { description: 'Consumption charged, kWh or m³.' }) consumed!: number;
  @Field(() => Minor, { description: 'Charged, fen.' }) amountMinor!: number;
}

@ObjectType({ description: 'What the meter itself says is left (meters that keep money) against the wallet on the ledger.' })
export class MeterReconciliation {
  @Field(() => ID, { description: 'The meter.' }) meterId!: string;
  @Field(() => Date, { nullable: true, description: 'When the meter last reported its remaining money; null: it never did.' }) reportedAt!: Date | null;
  @Field(() => Minor, { nullable: true, description: 'What it reported, fen.' }) meterRemainingMinor!: number | null;
  @Field(() => Minor, { nullable: true, description: 'The wallet’s balance once that reading was charged, fen.' }) ledgerBalanceMinor!: number | null;
  @Field(() => Minor, { nullable: true, description: 'Meter − ledger, fen (0: they agree).' }) differenceMinor!: number | null;
  @Field(() => Minor, { nullable: true, description: 'The wallet’s balance now, fen.' }) currentBalanceMinor!: number | null;
}
