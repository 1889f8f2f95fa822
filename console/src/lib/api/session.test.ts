import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './graphql-request';
import { createSessionStore, MIN_TOKEN_AGE_MS, refreshDueAt, SessionManager, type SessionChange, type Timers } from './session';
import type { SessionTokens } from './types';

const T0 = Date.parse('2026-01-01T08:00:00Z');
const viewer = { kind: 'USER' as const, tenantId: 't', tenantName: 'Demo', user: null, scopes: ['tanks:read'] };
const tokens = (n: number, at = T0): SessionTokens => ({
  accessToken: `access-${n}`,
  accessExpiresAt: new Date(at + 15 * 60_000).toISOString(),
  refreshToken: `refresh-${n}`,
  refreshExpiresAt: new Date(at + 7 * 86_400_000).toISOString(),
  viewer,
});

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}

function setup(refreshSession: (token: string) => Promise<SessionTokens>) {
  let now = T0;
  const storage = memoryStorage();
  const timers: Timers = { set: () => 0, clear: () => undefined };
  const api = { refreshSession: vi.fn(refreshSession), logout: vi.fn(async (_token: string) => undefined) };
  const manager = new SessionManager({ store: createSessionStore(storage), api, now: () => now, timers });
  const changes: SessionChange[] = [];
  manager.subscribe((c) => changes.push(c));
  return { manager, api, storage, changes, advance: (ms: number) => (now += ms) };
}

describe('refreshDueAt', () => {
  it('renews a minute before a 15-minute token expires', () => {
    expect(refreshDueAt(new Date(T0 + 15 * 60_000).toISOString(), T0)).toBe(T0 + 14 * 60_000);
  });
  it('waits at least MIN_TOKEN_AGE_MS when the browser clock runs ahead of the server', () => {
    expect(refreshDueAt(new Date(T0 - 60_000).toISOString(), T0)).toBe(T0 + MIN_TOKEN_AGE_MS);
  });
});

describe('SessionManager', () => {
  it('keeps the session in storage across a reload', () => {
    const { manager, storage } = setup(async () => tokens(2));
    manager.signIn(tokens(1));
    const reloaded = new SessionManager({ store: createSessionStore(storage), api: { refreshSession: vi.fn(), logout: vi.fn() } });
    expect(reloaded.current?.accessToken).toBe('access-1');
  });

  it('hands out the stored token until it is due, then renews it first', async () => {
    const { manager, api, advance } = setup(async () => tokens(2));
    manager.signIn(tokens(1));
    expect(await manager.accessToken()).toBe('access-1');
    advance(14 * 60_000);
    expect(await manager.accessToken()).toBe('access-2');
    expect(api.refreshSession).toHaveBeenCalledWith('refresh-1');
  });

  it('renews once for concurrent callers, and not again for a caller whose token was already replaced', async () => {
    const { manager, api } = setup(async () => tokens(2));
    manager.signIn(tokens(1));
    const all = await Promise.all([manager.refresh('access-1'), manager.refresh('access-1'), manager.refresh('access-1')]);
    expect(all).toEqual(['access-2', 'access-2', 'access-2']);
    expect(await manager.refresh('access-1')).toBe('access-2');
    expect(api.refreshSession).toHaveBeenCalledTimes(1);
  });

  it('ends the session when the gateway refuses the refresh token', async () => {
    const { manager, storage, changes } = setup(async () => {
      throw new ApiError('Session ended', 'UNAUTHENTICATED', { code: 'UNAUTHENTICATED' }, 200);
    });
    manager.signIn(tokens(1));
    expect(await manager.refresh('access-1')).toBeNull();
    expect(manager.current).toBeNull();
    expect(storage.map.size).toBe(0);
    expect(changes.at(-1)).toEqual({ type: 'ended', reason: 'expired' });
  });

  it('keeps the session when the gateway cannot be reached, and waits before trying again', async () => {
    const { manager, api, advance } = setup(async () => {
      throw new TypeError('Failed to fetch');
    });
    manager.signIn(tokens(1));
    advance(14 * 60_000);
    expect(await manager.accessToken()).toBe('access-1');
    expect(await manager.accessToken()).toBe('access-1');
    expect(manager.current).not.toBeNull();
    expect(api.refreshSession).toHaveBeenCalledTimes(1);
  });

  it('a viewer update does not bring a retry after a transient failure forward', async () => {
    const set = vi.fn((_fn: () => void, _ms: number) => 0);
    let now = T0;
    const api = { refreshSession: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))), logout: vi.fn() };
    const manager = new SessionManager({ store: createSessionStore(memoryStorage()), api, now: () => now, timers: { set, clear: () => undefined } });
    manager.signIn(tokens(1));
    now += 14 * 60_000;
    await manager.refresh('access-1');
    manager.updateViewer(viewer);
    expect(set.mock.calls.at(-1)?.[1]).toBe(10_000);
  });

  it('logs out at the gateway with the current token, then forgets the session', async () => {
    const { manager, api, storage, changes } = setup(async () => tokens(2));
    manager.signIn(tokens(1));
    await manager.logout();
    expect(api.logout).toHaveBeenCalledWith('access-1');
    expect(manager.current).toBeNull();
    expect(storage.map.size).toBe(0);
    expect(changes.at(-1)).toEqual({ type: 'ended', reason: 'logout' });
  });

  it('signs out locally even when the logout call fails', async () => {
    const { manager, api } = setup(async () => tokens(2));
    api.logout.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    manager.signIn(tokens(1));
    await manager.logout();
    expect(manager.current).toBeNull();
  });

  it('renews ahead of expiry on its own timer', () => {
    vi.useFakeTimers({ now: T0 });
    try {
      const api = { refreshSession: vi.fn(async () => tokens(2, Date.now())), logout: vi.fn() };
      const manager = new SessionManager({ store: createSessionStore(memoryStorage()), api });
      manager.signIn(tokens(1));
      vi.advanceTimersByTime(14 * 60_000 - 1);
      expect(api.refreshSession).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(api.refreshSession).toHaveBeenCalledWith('refresh-1');
    } finally {
      vi.useRealTimers();
    }
  });
});
