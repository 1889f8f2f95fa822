import type { Supergraph } from '@apollo/federation-internals';

/** `Type.field` → the subgraphs that resolve it (a key or shareable field has several). */
export type FieldOwners = ReadonlyMap<string, readonly string[]>;

/**
 * Reads field ownership off the composed supergraph, so scopes follow the schema: a field
 * belongs to the domain of the subgraph that resolves it, and a domain added tomorrow is
 * covered without a list to keep in step. External fields are another subgraph's.
 */
export function fieldOwners(supergraph: Supergraph): FieldOwners {
  const owners = new Map<string, string[]>();
  for (const subgraph of supergraph.subgraphs().values()) {
    const metadata = subgraph.metadata();
    for (const type of subgraph.schema.types()) {
      if (type.kind !== 'ObjectType' && type.kind !== 'InterfaceType') continue;
      for (const field of type.fields()) {
        if (metadata.isFieldExternal(field)) continue;
        const key = `${type.name}.${field.name}`;
        owners.set(key, [...(owners.get(key) ?? []), subgraph.name]);
      }
    }
  }
  return owners;
}
