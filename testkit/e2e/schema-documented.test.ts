import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { graphqlHttp } from '@hearth/testkit/graphql-http';
import { documentable, undocumented } from '@hearth/testkit/schema-documentation';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

/**
 * The composed API schema as front-end developers see it through the gateway: every type,
 * field, argument, input field and enum value is described, so no domain ships an element
 * its users have to guess at. New fields are covered without editing this test.
 */
let stack: TestStack;
let schema: GraphQLSchema;
beforeAll(async () => {
  stack = await startTestStack();
  const { data } = await graphqlHttp<IntrospectionQuery>(stack.urls.graphql, getIntrospectionQuery({ inputValueDeprecation: true }), {}, stack.auth);
  schema = buildClientSchema(data!);
});
afterAll(() => stack?.destroy());

describe('the supergraph is documented', () => {
  it('describes every type, field, argument, input field and enum value', () => {
    expect(documentable(schema)).toBeGreaterThan(400);
    expect(undocumented(schema)).toEqual([]);
  });
});
