import { Minor } from '@hearth/platform/graphql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { PumpDecision } from '../model/pump-decisions';

export enum PumpDecisionAction {
  AUTHORIZE = 'AUTHORIZE',
  REFUSE = 'REFUSE',
}
registerEnumType(PumpDecisionAction, {
  name: 'PumpDecisionAction',
  description: 'The card host’s answer to a card read at a pump.',
  valuesConfig: {
    AUTHORIZE: { description: 'The pump may sell up to `limitMinor` on the nozzle.' },
    REFUSE: { description: 'The card may not buy now: see `reason`.' },
  },
});

@ObjectType({ description: 'A card read at a pump, waiting for the card host’s answer.' })
export class PendingAuthorizationView {
  @Field(() => ID, { description: 'The request’s id: the card host decides it under the same id.' }) authorizationId!: string;
  @Field(() => String, { description: 'The card’s number with all but its last four digits starred.' }) cardMasked!: string;
  @Field(() => Int, { description: 'The nozzle it was read for, 1–8.' }) nozzle!: number;
  @Field(() => Date, { description: 'When the pump read the card.' }) requestedAt!: Date;
}

@ObjectType({ description: 'The card host’s answer to a card read, as sent to the pump.' })
export class PumpDecisionView {
  @Field(() => PumpDecisionAction, { description: 'AUTHORIZE or REFUSE.' }) action!: PumpDecisionAction;
  @Field(() => Minor, { description: 'The most the sale may come to, in fen; 0 for a refusal.' }) limitMinor!: number;
  @Field(() => String, { nullable: true, description: 'Why the card was refused (the card host’s refusal code); null when authorised.' }) reason!:
    string | null;
  @Field(() => Int, { description: 'The nozzle it answers, 1–8.' }) nozzle!: number;
  @Field(() => ID, { description: 'The card read (and the card host’s authorisation) it answers.' }) authorizationId!: string;
  @Field(() => ID, { description: 'The command that carries it to the pump.' }) commandId!: string;
  @Field(() => Date, { description: 'When it was sent.' }) decidedAt!: Date;
  @Field(() => Boolean, { description: 'The command ended without being carried out (rejected, expired or cancelled).' }) withdrawn!: boolean;
}

@ObjectType({ description: 'A finished sale as the pump reported it.' })
export class PumpSaleView {
  @Field(() => Minor, { description: 'The pump’s transaction counter.' }) counter!: number;
  @Field(() => Int, { description: 'The nozzle, 1–8.' }) nozzle!: number;
  @Field(() => String, { description: 'The grade sold (92#, 0#, …).' }) grade!: string;
  @Field(() => Minor, { description: 'Volume sold, ml.' }) volumeMl!: number;
  @Field(() => Minor, { description: 'Amount, in fen.' }) amountMinor!: number;
  @Field(() => Date, { description: 'When the sale ended (pump time).' }) endedAt!: Date;
}

export const toDecisionView = (d: PumpDecision): PumpDecisionView => ({
  action: d.action as PumpDecisionAction,
  limitMinor: d.limitMinor,
  reason: d.reason,
  nozzle: d.nozzle,
  authorizationId: d.authorizationId,
  commandId: d.commandId,
  decidedAt: d.decidedAt,
  withdrawn: d.withdrawn,
});
