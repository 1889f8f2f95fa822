import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { describe, expect, it } from 'vitest';
import { createCoalescingServiceMap } from './coalescing-service-map';

type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** A subgraph that answers when told to and counts what it was asked. */
function slowSource() {
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const source: GraphQLDataSource = {
    process: (options) => {
      calls.push(String(options.request.variables?.id));
      return new Promise<Response>((resolve) => pending.push(() => resolve({ data: { name: `tank ${String(options.request.variables?.id)}` } })));
    },
  };
  return { source, calls, answerAll: () => pending.splice(0).forEach((answer) => answer()) };
}

const request = (id: string, tenantId = 't1') =>
  ({ request: { query: 'query($id: ID) { _entities { name } }', variables: { id } }, context: { tenantId } }) as unknown as GraphQLDataSourceProcessOptions;

describe('coalescing entity fetches of subscription events', () => {
  it('sends identical in-flight requests once and gives each caller its own copy', async () => {
    const { source, calls, answerAll } = slowSource();
    const map = createCoalescingServiceMap()({ tanks: source });
    const a = map.tanks!.process(request('1'));
    const b = map.tanks!.process(request('1'));
    const c = map.tanks!.process(request('2'));
    answerAll();
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(calls).toEqual(['1', '2']);
    expect(ra).toEqual(rb);
    expect(ra).not.toBe(rb);
    expect(rc.data).toEqual({ name: 'tank 2' });
  });

  it('never shares across tenants, nor once the first request has answered', async () => {
    const { source, calls, answerAll } = slowSource();
    const map = createCoalescingServiceMap()({ tanks: source });
    const first = map.tanks!.process(request('1', 't1'));
    const otherTenant = map.tanks!.process(request('1', 't2'));
    answerAll();
    await Promise.all([first, otherTenant]);
    const later = map.tanks!.process(request('1', 't1'));
    answerAll();
    await later;
    expect(calls).toEqual(['1', '1', '1']);
  });
});
