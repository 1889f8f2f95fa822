import { FuelPointStateEnum, Minor, SafeInt } from '@hearth/platform/graphql';
import type { FuelPointState } from '@hearth/platform/domain';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Alarm } from '../../../schema/alarm.type';
import { DeviceTwinFields } from '../../../schema/device-twin-fields.type';
import type { PumpTwinState } from '../model/pump-twin';
import type { PumpPriceAskOf } from './pump-prices.types';
import { PumpDecisionView, PumpSaleView, PendingAuthorizationView, toDecisionView } from './pump-views.types';

/** Millilitres and counters that may pass 2^31 (a totaliser does within a few years): the same whole-number scalar as money. */

@ObjectType({ description: 'A nozzle’s totaliser as its newest sale left it.' })
export class NozzleTotalizerView {
  @Field(() => Int, { description: 'The nozzle, 1–8.' }) nozzle!: number;
  @Field(() => SafeInt, { description: 'The totaliser at the end of its newest sale, ml.' }) totalizerMl!: number;
  @Field(() => SafeInt, { description: 'That sale’s transaction counter.' }) counter!: number;
}

@ObjectType({ description: 'A fuel pump (owned by the fueling subgraph); the twins subgraph adds its live twin.' })
@Directive('@key(fields: "id")')
export class Pump {
  @Field(() => ID, { description: 'The pump’s id: the `{deviceId}` of its MQTT topics.' }) id!: string;
}

@ObjectType({ description: 'The live twin of a fuel pump (an IFSF fuelling point): its state, the sale in progress, card authorisations, sales, alarms.' })
export class PumpTwin extends DeviceTwinFields {
  @Field(() => ID, { description: 'The pump’s id (its device id).' }) pumpId!: string;
  @Field(() => Pump, { description: 'The pump (the fueling subgraph’s: its station, dispenser, nozzles).' }) pump!: Pump;
  @Field(() => FuelPointStateEnum, { nullable: true, description: 'Its IFSF state as last reported; null before it reported.' })
  state!: FuelPointState | null;
  @Field(() => Int, { nullable: true, description: 'The nozzle in use (1–8); null when no sale is under way.' }) nozzle!: number | null;
  @Field(() => SafeInt, { nullable: true, description: 'The running volume of the sale in progress, ml; null when none.' }) volumeMl!: number | null;
  @Field(() => Minor, { nullable: true, description: 'The running amount of the sale in progress, in fen; null when none.' }) amountMinor!: number | null;
  @Field(() => PendingAuthorizationView, { nullable: true, description: 'A card read the card host has not answered yet; null when none.' })
  pendingAuthorization!: PendingAuthorizationView | null;
  @Field(() => PumpDecisionView, { nullable: true, description: 'The card host’s last answer sent to the pump; null before any.' })
  lastDecision!: PumpDecisionView | null;
  @Field(() => PumpSaleView, { nullable: true, description: 'Its newest sale by transaction counter; null before any.' }) lastSale!: PumpSaleView | null;
  @Field(() => SafeInt, { nullable: true, description: 'The highest transaction counter it reported; null before any sale.' }) lastCounter!: number | null;
  @Field(() => [NozzleTotalizerView], { description: 'Each nozzle’s totaliser after its newest sale, by nozzle.' }) totalizers!: NozzleTotalizerView[];
  @Field(() => [Alarm], {
    description:
      'Open alarms (PUMP_DISPENSING_UNAUTHORISED, PUMP_TOTALIZER_GAP), most severe first. A sale’s anomalies (FUEL_SALE_*) are raised returned to normal: see the alarm centre.',
  })
  alarms!: Alarm[];
  tenantId!: string;
  /** The prices asked of the pump, by grade: `prices` adds their commands' status. */
  priceAsks!: PumpPriceAskOf[];
}

export const toPumpTwin = (s: PumpTwinState): PumpTwin => ({
  pumpId: s.pumpId,
  pump: { id: s.pumpId },
  state: s.state,
  nozzle: s.nozzle,
  volumeMl: s.volumeMl,
  amountMinor: s.amountMinor,
  pendingAuthorization: s.pendingAuthorization,
  lastDecision: s.lastDecision && toDecisionView(s.lastDecision),
  lastSale: s.lastSale,
  lastCounter: s.lastCounter,
  totalizers: Object.entries(s.totalizers)
    .map(([nozzle, t]) => ({ nozzle: Number(nozzle), ...t }))
    .sort((a, b) => a.nozzle - b.nozzle),
  online: s.online,
  stale: s.stale,
  lastSeenAt: s.lastSeenAt,
  reportedAt: s.reportedAt,
  gatewayId: s.gatewayId,
  version: s.version,
  alarms: s.alarms,
  tenantId: s.tenantId,
  priceAsks: Object.entries(s.prices ?? {})
    .map(([grade, ask]) => ({ grade, ...ask }))
    .sort((a, b) => a.grade.localeCompare(b.grade)),
});
