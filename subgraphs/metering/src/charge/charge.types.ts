import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, Minor } from '@hearth/platform/graphql';

export enum MeterChargeStatus {
  CHARGED = 'CHARGED',
  UNFUNDED = 'UNFUNDED',
  UNCHANGED = 'UNCHANGED',
  BASELINE = 'BASELINE',
  BEHIND = 'BEHIND',
  RESET = 'RESET',
  JUMP = 'JUMP',
  UNBOUND = 'UNBOUND',
}
registerEnumType(MeterChargeStatus, {
  name: 'MeterChargeStatus',
  description: 'What became of a reading.',
  valuesConfig: {
    CHARGED: { description: 'Its consumption was charged in full.' },
    UNFUNDED: { description: 'Charged, but the wallet could pay only part (past its credit limit): the rest is owed.' },
    UNCHANGED: { description: 'The register had not moved.' },
    BASELINE: { description: 'The meter’s first reading: charging starts from it.' },
    BEHIND: { description: 'Older than a reading already taken: its consumption is in that one’s charge.' },
    RESET: { description: 'The register went back (a reset or a swapped meter): a new baseline, nothing charged.' },
    JUMP: { description: 'More than the meter can measure in the time: a new baseline, nothing charged, to review.' },
    UNBOUND: { description: 'The meter had no wallet or tariff: a new baseline, nothing charged.' },
  },
});

@ObjectType({ description: 'A part of a charge at one price: a tariff version, a tier, a time-of-use period.' })
export class MeterChargePiece {
  @Field(() => Date, { description: 'Start of the time it covers.' }) from!: Date;
  @Field(() => Date, { description: 'End.' }) to!: Date;
  @Field(() => Float, { description: 'Consumption, kWh or m³ (≤ 3 decimals).' }) consumed!: number;
  @Field(() => Int, { description: 'Price, ten-thousandths of a yuan per kWh or m³.' }) unitPriceE4!: number;
  @Field(() => Int, { nullable: true, description: 'The tier (1 for the first) of a tiered tariff.' }) tier!: number | null;
  @Field(() => String, { nullable: true, description: 'The time-of-use period (SHARP, PEAK, FLAT, VALLEY).' }) period!: string | null;
  @Field(() => String, { description: 'Exact cost in ten-millionths of a yuan (a decimal string).' }) costE7!: string;
}

@ObjectType({ description: 'A meter reading as charged: once per meter and reading time, its debit on the ledger with it.' })
export class MeterCharge {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => ID, { description: 'The meter.' }) meterId!: string;
  @Field(() => Date, { description: 'When the meter read its register.' }) observedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'The reading it was charged from (the baseline); null for the first.' }) fromAt!: Date | null;
  @Field(() => Float, { description: 'The register, kWh or m³.' }) register!: number;
  @Field(() => Float, { description: 'Consumption since the baseline, kWh or m³ (a JUMP’s is not charged).' }) consumed!: number;
  @Field(() => Minor, { description: 'What the tariff charges, fen.' }) amountMinor!: number;
  @Field(() => Minor, { description: 'What the wallet paid of it, fen (less when UNFUNDED).' }) paidMinor!: number;
  @Field(() => [MeterChargePiece], { description: 'How the tariff priced it.' }) pieces!: MeterChargePiece[];
  @Field(() => MeterChargeStatus, { description: 'What became of the reading.' }) status!: MeterChargeStatus;
  @Field(() => Boolean, { description: 'Flagged for review (a JUMP).' }) review!: boolean;
  @Field(() => ID, { nullable: true, description: 'The ledger journal of its debit.' }) journalId!: string | null;
  @Field(() => Minor, { nullable: true, description: 'The wallet’s balance after it, fen.' }) balanceAfterMinor!: number | null;
  @Field(() => String, { description: 'READING, or REPLACEMENT (a replaced meter’s final register).' }) source!: string;
  @Field(() => Date, { description: 'When it was charged.' }) chargedAt!: Date;
}

export const MeterChargeConnection = ConnectionType(MeterCharge, 'MeterCharge');

export const CHARGE_COLUMNS = `id::text, meter_id::text AS "meterId", observed_at AS "observedAt", from_at AS "fromAt", register_milli / 1000.0 ::float8 AS register,
  consumed_milli / 1000.0 ::float8 AS consumed, amount_minor::float8 AS "amountMinor", paid_minor::float8 AS "paidMinor",
  (SELECT coalesce(jsonb_agg(jsonb_build_object('from', p->'from', 'to', p->'to', 'consumed', (p->>'consumedMilli')::numeric / 1000, 'unitPriceE4', p->'unitPriceE4',
          'tier', p->'tier', 'period', p->'period', 'costE7', p->>'costE7')), '[]') FROM jsonb_array_elements(pieces) p) AS pieces,
  status, review, journal_id::text AS "journalId", balance_after_minor::float8 AS "balanceAfterMinor", source, charged_at AS "chargedAt"`;
