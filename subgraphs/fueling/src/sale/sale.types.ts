import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType, Minor, SafeInt } from '@hearth/platform/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@ObjectType({ description: 'Something about a sale the anomaly rules flagged.' })
export class FuelSaleAnomaly {
  @Field(() => String, {
    description:
      'LARGE_AMOUNT, FREQUENT_SWIPES, IMPOSSIBLE_TRAVEL, PRICE_VOLUME_MISMATCH, PRICE_NOT_IN_EFFECT, TOTALIZER_MISMATCH, or UNFUNDED (its card’s account could not pay: an offline sale past its money).',
  })
  code!: string;
  @Field(() => GraphQLJSONObject, { description: 'Its figures (threshold, difference, other station, …).' }) details!: Record<string, unknown>;
}

@ObjectType({ description: 'A settled sale at a pump: once per pump and transaction counter, its card debited on the ledger with it.' })
export class FuelSale {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => ID, { description: 'The pump.' }) pumpId!: string;
  @Field(() => SafeInt, { description: 'The pump’s own transaction counter.' }) counter!: number;
  @Field(() => ID, { description: 'The station (site id).' }) stationId!: string;
  @Field(() => Int, { description: 'The nozzle.' }) nozzle!: number;
  @Field(() => String, { description: 'The grade sold.' }) gradeCode!: string;
  @Field(() => String, { nullable: true, description: 'The card paid with; null: cash.' }) cardNumber!: string | null;
  @Field(() => ID, { nullable: true, description: 'The card, when it is one of yours.' }) cardId!: string | null;
  @Field(() => SafeInt, { description: 'Volume, ml.' }) volumeMl!: number;
  @Field(() => Minor, { description: 'Price per litre, fen.' }) unitPriceMinor!: number;
  @Field(() => Minor, { description: 'Amount, fen.' }) amountMinor!: number;
  @Field(() => SafeInt, { description: 'The nozzle’s totaliser when the sale started, ml.' }) totalizerStartMl!: number;
  @Field(() => SafeInt, { description: 'The nozzle’s totaliser when it ended, ml.' }) totalizerEndMl!: number;
  @Field(() => Date, { description: 'When fuelling started (the pump’s clock).' }) startedAt!: Date;
  @Field(() => Date, { description: 'When it ended.' }) endedAt!: Date;
  @Field(() => Boolean, { description: 'Sold without an online authorisation (the station was offline).' }) offline!: boolean;
  @Field(() => ID, { nullable: true, description: 'The ledger journal of its debit; null for cash or when unfunded.' }) journalId!: string | null;
  @Field(() => [FuelSaleAnomaly], { description: 'What the anomaly rules flagged; empty when nothing.' }) anomalies!: FuelSaleAnomaly[];
  @Field(() => Date, { description: 'When Hearth received it.' }) receivedAt!: Date;
  @Field(() => Date, { description: 'When it was settled.' }) settledAt!: Date;
}

export const FuelSaleConnection = ConnectionType(FuelSale, 'FuelSale');

@InputType({ description: 'Which sales.' })
export class FuelSaleFilter {
  @Field(() => ID, { nullable: true, description: 'At this station.' }) stationId?: string | null;
  @Field(() => ID, { nullable: true, description: 'With this card.' }) cardId?: string | null;
  @Field(() => String, { nullable: true, description: 'With the card of this printed number (a cash sale has none).' }) cardNumber?: string | null;
  @Field(() => ID, { nullable: true, description: 'At this pump.' }) pumpId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Ended at or after this instant.' }) since?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Only sales with anomalies.' }) anomalous?: boolean | null;
}

export const SALE_COLUMNS = `id::text, pump_id AS "pumpId", counter::float8 AS counter, station_id::text AS "stationId", nozzle, grade_code AS "gradeCode",
  card_number AS "cardNumber", card_id::text AS "cardId", volume_ml::float8 AS "volumeMl", unit_price_minor::float8 AS "unitPriceMinor",
  amount_minor::float8 AS "amountMinor", totalizer_start_ml::float8 AS "totalizerStartMl", totalizer_end_ml::float8 AS "totalizerEndMl",
  started_at AS "startedAt", ended_at AS "endedAt", authorization_id IS NULL AS offline, journal_id::text AS "journalId",
  (SELECT coalesce(jsonb_agg(jsonb_build_object('code', a->>'code', 'details', a - 'code')), '[]') FROM jsonb_array_elements(anomalies) a) AS anomalies,
  received_at AS "receivedAt", settled_at AS "settledAt"`;
