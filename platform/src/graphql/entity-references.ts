import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Entities other subgraphs own, as a domain names them: only their key (`resolvable: false`), the
 * gateway fetches the rest from their owner. Depots, stations, stores and premises are sites of the
 * tanks subgraph; customers are the customers subgraph's.
 */
@ObjectType('Site', { description: 'A place: a depot, a filling or fuel station, a store or a customer premises.' })
@Directive('@key(fields: "id", resolvable: false)')
export class SiteReference {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
}

@ObjectType('Customer', { description: 'A residential, commercial or industrial customer.' })
@Directive('@key(fields: "id", resolvable: false)')
export class CustomerReference {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
}

export const siteRef = (id: string | null): SiteReference | null => (id ? { id } : null);
