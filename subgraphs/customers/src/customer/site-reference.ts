import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A supply station is a site of the tanks subgraph: its name and address come from there. */
@ObjectType('Site', { description: 'A place with tanks: a depot, a filling station or a customer premises.' })
@Directive('@key(fields: "id", resolvable: false)')
export class SiteReference {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
}
