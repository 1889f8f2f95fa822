import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphFetcher } from './subgraph-fetcher';

let server: Server;
let url: string;
const connections: unknown[] = [];
const received: { method?: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method, headers: req.headers, body });
      const status = req.url === '/refused' ? 401 : 200;
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'max-age=5', 'set-cookie': ['a=1', 'b=2'] });
      res.end(JSON.stringify({ data: { echo: body } }));
    });
  });
  server.on('connection', (socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('subgraph fetcher', () => {
  it('sends the method, headers and body, and reads the answer as Apollo’s fetcher contract asks', async () => {
    const fetcher = createSubgraphFetcher();
    const res = await fetcher(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hearth-context': 'signed' },
      body: '{"q":1}',
    });
    expect(received.at(-1)).toMatchObject({ method: 'POST', body: '{"q":1}', headers: { 'x-hearth-context': 'signed', 'content-length': '7' } });
    expect(res).toMatchObject({ ok: true, status: 200, url: `${url}/graphql` });
    expect(res.headers.get('Cache-Control')).toBe('max-age=5');
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await res.json()).toEqual({ data: { echo: '{"q":1}' } });
  });

  it('reports a refusal by status, with its body readable', async () => {
    const res = await createSubgraphFetcher()(`${url}/refused`, { method: 'POST', body: '{}' });
    expect(res).toMatchObject({ ok: false, status: 401, statusText: 'Unauthorized' });
    expect(JSON.parse(await res.text())).toEqual({ data: { echo: '{}' } });
  });

  it('keeps connections alive between fetches', async () => {
    const fetcher = createSubgraphFetcher();
    const before = connections.length;
    for (let i = 0; i < 5; i++) await (await fetcher(`${url}/graphql`, { method: 'POST', body: String(i) })).text();
    expect(connections.length - before).toBe(1);
  });

  it('rejects when the subgraph cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(createSubgraphFetcher()(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
