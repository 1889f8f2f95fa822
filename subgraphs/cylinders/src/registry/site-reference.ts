import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Depots, filling stations and stores are sites of the tanks subgraph: their names come from there. */
@ObjectType('Site', { description: 'A place with tanks: a depot, a filling station or a store.' })
@Directive('@key(fields: "id", resolvable: false)')
export class SiteReference {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
}

/** A customer holding cylinders is the customers subgraph's. */
@ObjectType('Customer', { description: 'A residential, commercial or industrial customer.' })
@Directive('@key(fields: "id", resolvable: false)')
export class CustomerReference {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
}

export const siteRef = (id: string | null): SiteReference | null => (id ? { id } : null);
