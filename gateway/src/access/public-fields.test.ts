import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { publicFields } from './field-owners';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@tag"])';

describe('public fields of a composed supergraph', () => {
  it('are the fields a subgraph tagged public, whichever subgraph', () => {
    const composed = composeServices([
      {
        name: 'cylinders',
        url: 'http://c',
        typeDefs: parse(`${LINK} type Query { cylinderScan(tag: String!): String @tag(name: "public") cylinders: [String] }`),
      },
      { name: 'tanks', url: 'http://t', typeDefs: parse(`${LINK} type Query { tanks: [String] @tag(name: "internal") }`) },
    ]);
    expect(composed.errors).toBeUndefined();
    expect([...publicFields(Supergraph.build(composed.supergraphSdl!))]).toEqual(['Query.cylinderScan']);
  });
});
