import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An IoT gateway (owned by the fleet subgraph); the twins subgraph adds its live twin.' })
@Directive('@key(fields: "id")')
export class Gateway {
  @Field(() => ID) id!: string;
}
