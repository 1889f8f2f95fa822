import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Authenticated } from '../identity/authenticator';
import type { LoadedSupergraph } from '../supergraph/loaded-supergraph';
import { admissionErrors, reachesPublicFields, type AccessPolicy } from './admission';
import { DEFAULT_LIMITS } from './operation-limits';

const apiSchema = buildSchema(`
  type Query { tanks(first: Int = 50): [Tank!]! viewer: String scan(tag: String!): Scan }
  type Scan { spec: String tank: Tank }
  type Mutation { renameTank(id: ID!, name: String!): Tank }
  type Tank { id: ID! name: String! twin: Twin }
  type Twin { levelMm: Float }
`);
/** Field owners that count their look-ups: each look-up is a field visited by a walk of the document. */
function countingOwners(entries: Record<string, string[]>) {
  const owners = new Map(Object.entries(entries));
  const counted = { lookups: 0, get: (key: string) => (counted.lookups++, owners.get(key)) };
  return counted;
}
// Admission reads only the API schema and the field owners of a loaded supergraph.
const supergraphWith = (owners: { get(key: string): string[] | undefined }) => ({ apiSchema, owners, publicFields: new Set() }) as unknown as LoadedSupergraph;
const OWNERS = {
  'Query.tanks': ['tanks'],
  'Tank.id': ['tanks', 'twins'],
  'Tank.name': ['tanks'],
  'Tank.twin': ['twins'],
  'Twin.levelMm': ['twins'],
  'Query.viewer': ['identity'],
  'Mutation.renameTank': ['tanks'],
};
const policy: AccessPolicy = { limits: { ...DEFAULT_LIMITS, maxCost: 500 }, introspection: false };
const caller = (scopes: string[]) => ({ kind: 'apiKey', id: 'k', tenantId: 't', scopes, credential: 'apiKey:k', expiresAt: Infinity }) as Authenticated;
const codes = (errors: { extensions: Record<string, unknown> }[]) => errors.map((e) => [e.extensions.code, e.extensions.requiredScope ?? e.extensions.limit]);

describe('admission of an operation', () => {
  it('walks a document once and then checks each caller against what it needs', () => {
    const owners = countingOwners(OWNERS);
    const supergraph = supergraphWith(owners);
    const document = parse('{ tanks(first: 10) { name twin { levelMm } } }');
    expect(admissionErrors(supergraph, policy, document, undefined, {}, caller(['*:read']))).toEqual([]);
    const walked = owners.lookups;
    expect(walked).toBeGreaterThan(0);
    expect(codes(admissionErrors(supergraph, policy, document, undefined, {}, caller(['tanks:read'])))).toEqual([['FORBIDDEN', 'twins:read']]);
    expect(codes(admissionErrors(supergraph, policy, document, undefined, {}, undefined))).toEqual([['UNAUTHENTICATED', undefined]]);
    expect(admissionErrors(supergraph, policy, document, undefined, {}, caller(['tanks:read', 'twins:read']))).toEqual([]);
    expect(owners.lookups).toBe(walked);
  });

  it('walks again for a new supergraph: scopes follow the schema it serves', () => {
    const document = parse('{ tanks { name } }');
    const reader = caller(['tanks:read']);
    expect(admissionErrors(supergraphWith(countingOwners(OWNERS)), policy, document, undefined, {}, reader)).toEqual([]);
    const moved = supergraphWith(countingOwners({ ...OWNERS, 'Tank.name': ['catalog'] }));
    expect(codes(admissionErrors(moved, policy, document, undefined, {}, reader))).toEqual([['FORBIDDEN', 'catalog:read']]);
  });

  it('prices each page size a variable asks for, though the document is the same', () => {
    const supergraph = supergraphWith(countingOwners(OWNERS));
    const document = parse('query($n: Int) { tanks(first: $n) { name twin { levelMm } } }');
    const reader = caller(['*:read']);
    expect(admissionErrors(supergraph, policy, document, undefined, { n: 10 }, reader)).toEqual([]);
    expect(codes(admissionErrors(supergraph, policy, document, undefined, { n: 200 }, reader))).toEqual([['OPERATION_TOO_COMPLEX', 'cost']]);
    expect(admissionErrors(supergraph, policy, document, undefined, { n: 10 }, reader)).toEqual([]);
    expect(codes(admissionErrors(supergraph, policy, document, undefined, { n: 200 }, reader))).toEqual([['OPERATION_TOO_COMPLEX', 'cost']]);
  });

  it('tells the operations of one document apart, and introspection allowed from refused', () => {
    const supergraph = supergraphWith(countingOwners(OWNERS));
    const document = parse('query Small { tanks(first: 10) { name } } query Large { tanks(first: 200) { name twin { levelMm } } }');
    const reader = caller(['*:read']);
    expect(admissionErrors(supergraph, policy, document, 'Small', {}, reader)).toEqual([]);
    expect(codes(admissionErrors(supergraph, policy, document, 'Large', {}, reader))).toEqual([['OPERATION_TOO_COMPLEX', 'cost']]);
    expect(admissionErrors(supergraph, policy, document, 'Small', {}, reader)).toEqual([]);
    const introspection = parse('{ __schema { types { name } } }');
    expect(codes(admissionErrors(supergraph, policy, introspection, undefined, {}, reader))).toEqual([['INTROSPECTION_DISABLED', undefined]]);
    expect(admissionErrors(supergraph, { ...policy, introspection: true }, introspection, undefined, {}, reader)).toEqual([]);
  });

  it('lets an anonymous caller reach a public field and what lies beneath it, and nothing else', () => {
    const open = (owners: { get(key: string): string[] | undefined }) =>
      ({ apiSchema, owners, publicFields: new Set(['Query.scan']) }) as unknown as LoadedSupergraph;
    const supergraph = open(countingOwners({ ...OWNERS, 'Query.scan': ['cylinders'], 'Scan.spec': ['cylinders'], 'Scan.tank': ['cylinders'] }));
    const scan = parse('{ scan(tag: "E280") { spec __typename tank { name } } }');
    expect(admissionErrors(supergraph, policy, scan, undefined, {}, undefined)).toEqual([]);
    expect(reachesPublicFields(supergraph, scan, undefined)).toBe(true);
    // A private field beside it is refused as ever.
    const both = parse('{ scan(tag: "E280") { spec } tanks { name } }');
    expect(codes(admissionErrors(supergraph, policy, both, undefined, {}, undefined))).toEqual([['UNAUTHENTICATED', undefined]]);
    const none = parse('{ tanks { name } }');
    expect(reachesPublicFields(supergraph, none, undefined)).toBe(false);
    // Without the tag the same field needs its domain's scope.
    const closed = supergraphWith(countingOwners({ ...OWNERS, 'Query.scan': ['cylinders'], 'Scan.spec': ['cylinders'] }));
    expect(codes(admissionErrors(closed, policy, parse('{ scan(tag: "E280") { spec } }'), undefined, {}, caller(['tanks:read'])))).toEqual([
      ['FORBIDDEN', 'cylinders:read'],
    ]);
  });
});
