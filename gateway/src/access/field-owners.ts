import type { Supergraph } from '@apollo/federation-internals';
import { PUBLIC_TAG } from '@hearth/platform/graphql';

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

/**
 * The `Type.field`s their subgraph tagged `@tag(name: "public")`: open to callers who are not signed
 * in, with everything beneath them (the gateway rate-limits them per address instead). Read off the
 * supergraph itself: composition carries `@tag` there, not into the subgraphs it extracts.
 */
export function publicFields(supergraph: Supergraph): ReadonlySet<string> {
  const open = new Set<string>();
  for (const type of supergraph.schema.types()) {
    if (type.kind !== 'ObjectType') continue;
    for (const field of type.fields()) {
      if (field.appliedDirectives.some((d) => d.name === 'tag' && (d.arguments() as { name?: string }).name === PUBLIC_TAG))
        open.add(`${type.name}.${field.name}`);
    }
  }
  return open;
}
