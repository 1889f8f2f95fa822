import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { CylinderTwinState } from '../model/cylinder-twin';

@ObjectType({ description: 'A cylinder on the registry (owned by the cylinders subgraph); the twins subgraph adds its live twin.' })
@Directive('@key(fields: "id")')
export class Cylinder {
  @Field(() => ID, { description: 'The cylinder’s id on the registry; a connected cylinder’s `{deviceId}` in its MQTT topics.' }) id!: string;
  /** The state an event carried, so a subscriber sees exactly the change it was told about. */
  snapshot?: CylinderTwinState;
}
