import { Minor } from '@hearth/platform/graphql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CommandStatus } from '../../../schema/command.type';
import type { PumpPriceAsk } from '../model/pump-prices';

@ObjectType({ description: 'A grade’s price as last sent to the pump (SET_PRICES), and how far that command got.' })
export class PumpPriceView {
  @Field(() => String, { description: 'The grade (92#, 0#, …) of one or more of its nozzles.' }) grade!: string;
  @Field(() => Minor, { description: 'The unit price asked of the pump, fen per litre.' }) unitPriceMinor!: number;
  @Field(() => ID, { description: 'The SET_PRICES command that carries it (see `commands`).' }) commandId!: string;
  @Field(() => Date, { description: 'When it was sent (recorded; an offline station gets it when its gateway is back).' }) askedAt!: Date;
  @Field(() => CommandStatus, { description: 'The command’s status: DONE once the pump acknowledged it; an open command past its expiry shows EXPIRED.' })
  status!: CommandStatus;
  @Field(() => Date, { nullable: true, description: 'When the pump confirmed it (its `done` acknowledgement); null until then.' }) confirmedAt!: Date | null;
}

/** A grade's ask as the twin holds it; the resolver adds the command's status. */
export type PumpPriceAskOf = PumpPriceAsk & { grade: string };

@ObjectType({ description: 'How far a price change has reached the pumps it applies to (those with a nozzle of its grade, at its station or every station).' })
export class FuelPriceRollout {
  @Field(() => Int, { description: 'Pumps it applies to.' }) pumps!: number;
  @Field(() => Int, { description: 'Pumps that acknowledged the command carrying it as done.' }) confirmed!: number;
  @Field(() => Int, { description: 'Pumps not sent it yet (its time has not come) or not yet confirming it.' }) pending!: number;
  @Field(() => Int, {
    description:
      'Pumps it cannot reach this way: bound to no gateway, or the command was rejected, expired or cancelled (the next price change corrects them).',
  })
  failed!: number;
}

@ObjectType({ description: 'A grade’s price from an instant on (owned by the fueling subgraph); the twins subgraph adds how far it reached the pumps.' })
@Directive('@key(fields: "id")')
export class FuelPrice {
  @Field(() => ID, { description: 'Stable id of the entry.' }) id!: string;
}
