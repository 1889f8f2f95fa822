import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { TankTwinState } from '../model/tank-twin';

@ObjectType({ description: 'A storage tank (owned by the tanks subgraph); the twins subgraph adds its live twin.' })
@Directive('@key(fields: "id")')
export class Tank {
  @Field(() => ID) id!: string;
  /** The state an event carried, so a subscriber sees exactly the change it was told about. */
  snapshot?: TankTwinState;
}
