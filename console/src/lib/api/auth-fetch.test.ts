import { describe, expect, it, vi } from 'vitest';
import { createAuthFetch, type TokenSource } from './auth-fetch';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refused = () => json({ errors: [{ message: 'Session expired', extensions: { code: 'UNAUTHENTICATED' } }] });
const ok = () => json({ data: { viewer: { tenantId: 't' } } });

function tokens(current: string | null, renewed: string | null): TokenSource & { refresh: ReturnType<typeof vi.fn> } {
  return { accessToken: async () => current, refresh: vi.fn(async () => renewed) };
}
const headersOf = (call: unknown[] | undefined) => new Headers((call?.[1] as RequestInit | undefined)?.headers);
const authorizationOf = (call: unknown[] | undefined) => headersOf(call).get('authorization');

describe('createAuthFetch', () => {
  it('sends the access token as a Bearer header, keeping the other headers', async () => {
    const base = vi.fn(async () => ok());
    await createAuthFetch(tokens('a1', null), base)('http://gw/graphql', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(authorizationOf(base.mock.calls[0])).toBe('Bearer a1');
    expect(headersOf(base.mock.calls[0]).get('content-type')).toBe('application/json');
  });

  it('renews once on UNAUTHENTICATED and sends the request again with the new token', async () => {
    const base = vi.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>().mockResolvedValueOnce(refused()).mockResolvedValueOnce(ok());
    const source = tokens('a1', 'a2');
    const res = await createAuthFetch(source, base)('http://gw/graphql', { method: 'POST', body: '{}' });
    expect(source.refresh).toHaveBeenCalledWith('a1');
    expect(authorizationOf(base.mock.calls[1])).toBe('Bearer a2');
    expect(await res.json()).toEqual({ data: { viewer: { tenantId: 't' } } });
  });

  it('treats HTTP 401 as a refusal too', async () => {
    const base = vi
      .fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>()
      .mockResolvedValueOnce(new Response('', { status: 401 }))
      .mockResolvedValueOnce(ok());
    await createAuthFetch(tokens('a1', 'a2'), base)('http://gw/graphql', {});
    expect(base).toHaveBeenCalledTimes(2);
  });

  it('returns the refusal when renewal fails, without a second try', async () => {
    const base = vi.fn(async () => refused());
    const res = await createAuthFetch(tokens('a1', null), base)('http://gw/graphql', {});
    expect(base).toHaveBeenCalledTimes(1);
    expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('does not retry other errors', async () => {
    const base = vi.fn(async () => json({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }));
    const source = tokens('a1', 'a2');
    await createAuthFetch(source, base)('http://gw/graphql', {});
    expect(source.refresh).not.toHaveBeenCalled();
  });

  it('sends nothing when signed out and answers UNAUTHENTICATED itself', async () => {
    const base = vi.fn(async () => ok());
    const res = await createAuthFetch(tokens(null, null), base)('http://gw/graphql', {});
    expect(base).not.toHaveBeenCalled();
    expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
