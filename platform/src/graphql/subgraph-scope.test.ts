import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NO_TENANT_ID, type CallerContext } from '../context/caller-context';
import { publicQueryFields, subgraphScopeError } from './subgraph-scope';

const schema = buildSchema(`
  directive @tag(name: String!) repeatable on FIELD_DEFINITION
  type Query { cylinderScan(tag: String!): String @tag(name: "public") cylinders: [String] other: String @tag(name: "internal") }
`);
const anonymous: CallerContext = { tenantId: NO_TENANT_ID, requestId: 'r', principal: { kind: 'service', id: 'anonymous' }, scopes: [] };
const check = (query: string) => subgraphScopeError('cylinders', anonymous, parse(query), undefined, publicQueryFields(schema))?.extensions.code;

describe('a subgraph’s own scope check, with public fields', () => {
  it('finds the query fields tagged public, and only those', () => {
    expect([...publicQueryFields(schema)]).toEqual(['cylinderScan']);
  });

  it('lets a caller without scopes ask only public fields and the schema', () => {
    expect(check('{ cylinderScan(tag: "E280") __typename }')).toBeUndefined();
    expect(check('{ cylinderScan(tag: "E280") cylinders }')).toBe('FORBIDDEN');
    expect(check('{ other }')).toBe('FORBIDDEN');
    expect(check('mutation { cylinderScan }')).toBe('FORBIDDEN');
  });
});
