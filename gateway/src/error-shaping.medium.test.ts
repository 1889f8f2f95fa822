import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Arg, ID, Query, Resolver } from 'type-graphql';
import { buildSubgraphSchema, startSubgraphServer, type RunningSubgraph } from '@hearth/platform/graphql';
import { testContext } from '@hearth/testkit/signed-context';
import type { Database } from '@hearth/platform/db';
import { startGateway, type RunningGateway } from './start-gateway';
import { fixtureGatewayOptions, identityFixture, testLogger } from './testing/fixture-stack';

/** A subgraph whose fields fail the ways real ones do: a scalar refusing a value, a database failing. */
@Resolver()
class ProbeResolver {
  @Query(() => String, { nullable: true, description: 'Echoes a date.' })
  since(@Arg('from', () => Date) from: Date): string {
    return from.toISOString();
  }

  @Query(() => String, { nullable: true, description: 'Echoes an id.' })
  echo(@Arg('id', () => ID) id: string): string {
    return id;
  }

  @Query(() => String, { nullable: true, description: 'Fails as a database would.' })
  broken(): string {
    throw new Error('relation "fleet.device" does not exist: SELECT * FROM fleet.device (postgres://10.0.0.7:5432)');
  }
}

let probe: RunningSubgraph;
let gateway: RunningGateway;
let db: Database;
let auth: { authorization: string };
beforeAll(async () => {
  const logger = testLogger();
  const resolver = new ProbeResolver();
  const schema = await buildSubgraphSchema({ resolvers: [ProbeResolver], container: { get: () => resolver } });
  probe = await startSubgraphServer({ name: 'probe', schema, port: 0, host: '127.0.0.1', logger, contextVerifier: testContext.verifier, domain: 'probe' });
  ({ db, auth } = await identityFixture());
  gateway = await startGateway({ ...fixtureGatewayOptions(db, logger), subgraphs: [{ name: 'probe', url: probe.graphqlUrl }] });
});
afterAll(async () => {
  await gateway.close();
  await probe.close();
  await db.close();
});

async function post(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

/** What an answer must never carry: addresses, SQL, stacks, a subgraph's raw response. */
const expectNothingInternal = (text: string) => {
  expect(text).not.toMatch(/127\.0\.0\.1|10\.0\.0\.7|https?:\/\/|postgres|SELECT|"response"|stacktrace/);
};

describe('errors the gateway answers', () => {
  it('passes a value the subgraph scalar refused as BAD_USER_INPUT with HTTP 400, without the subgraph URL', async () => {
    const { status, text, body } = await post('{ since(from: "yesterday") }');
    expectNothingInternal(text);
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('DateTime cannot represent an invalid date-time-string yesterday'),
      extensions: { code: 'BAD_USER_INPUT', serviceName: 'probe' },
    });
  });

  it('does the same for the value given as a variable', async () => {
    const { status, text, body } = await post('query($from: DateTime!) { since(from: $from) }', { from: 'yesterday' });
    expectNothingInternal(text);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses a NUL character in an argument with BAD_USER_INPUT and HTTP 400', async () => {
    for (const request of [{ query: '{ echo(id: "\\u0000") }' }, { query: 'query($id: ID!) { echo(id: $id) }', variables: { id: 'a\u0000' } }]) {
      const { status, body } = await post(request.query, request.variables);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: expect.stringMatching(/^\$?id$/) }] });
    }
  });

  it('answers an operation over a limit with OPERATION_TOO_COMPLEX and HTTP 400', async () => {
    const { status, body } = await post(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: echo(id: "${i}")`).join(' ')} }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'aliases' });
  });

  it('hides a subgraph failure behind INTERNAL_SERVER_ERROR', async () => {
    const { text, body } = await post('{ broken }');
    expectNothingInternal(text);
    expect(body.errors).toEqual([{ message: 'Internal server error', path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'probe' } }]);
  });
});
