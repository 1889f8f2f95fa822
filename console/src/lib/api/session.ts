/**
 * The signed-in session: where its tokens are kept, when they are renewed, and when it ends.
 * Everything that needs a token asks the SessionManager (the urql fetch, the graphql-ws
 * connection params, logout); nothing else reads or writes the tokens.
 *
 * Storage: sessionStorage, not localStorage.
 * - Refresh tokens rotate (the old one stops working). Tabs sharing one token in localStorage
 *   would race to refresh it and sign each other out; coordinating them needs Web Locks, which
 *   browsers only offer to secure contexts, and the console is often served over plain HTTP on
 *   a depot LAN. With sessionStorage each tab holds its own session. (A duplicated tab copies
 *   it: whichever tab renews second presents a used refresh token, the gateway ends the
 *   session as stolen, and both tabs log in again. Rare, and safe.)
 * - Control-room workstations are shared: the session ends with the tab or browser instead of
 *   staying on disk for the next person.
 * - It survives reloads, which is all a page needs. Script on the page can read either store,
 *   so neither is safer against XSS; other origins can read neither.
 */
import { ApiError } from './graphql-request';
import type { SessionApi } from './session-api';
import type { SessionTokens, Viewer } from './types';

export interface Session {
  accessToken: string;
  accessExpiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
  /** Local clock (ms) at which to renew the access token; see refreshDueAt. */
  refreshAt: number;
  viewer: Viewer;
}

/** Renew this long before the access token expires (capped at a quarter of its lifetime). */
export const REFRESH_MARGIN_MS = 60_000;
/**
 * Never renew a token sooner than this after receiving it. Expiry times are server clock and
 * the browser's may be ahead by more than a token's lifetime; without a floor every request
 * would renew. A token that really expires earlier is renewed when the gateway refuses it.
 */
export const MIN_TOKEN_AGE_MS = 15_000;
/** After a renewal failed for a transient reason (network, gateway restarting), try again. */
export const RETRY_REFRESH_MS = 10_000;

export function refreshDueAt(accessExpiresAt: string, receivedAt: number): number {
  const lifetime = Date.parse(accessExpiresAt) - receivedAt;
  const due = Number.isFinite(lifetime) ? lifetime - Math.min(REFRESH_MARGIN_MS, lifetime / 4) : 0;
  return receivedAt + Math.max(MIN_TOKEN_AGE_MS, due);
}

function toSession(tokens: SessionTokens, receivedAt: number): Session {
  const { accessToken, accessExpiresAt, refreshToken, refreshExpiresAt, viewer } = tokens;
  return { accessToken, accessExpiresAt, refreshToken, refreshExpiresAt, viewer, refreshAt: refreshDueAt(accessExpiresAt, receivedAt) };
}

/**
 * Only a refusal ends the session. A network failure or an unavailable upstream must not
 * sign an operator out of a live board; the old token is used until the gateway says no.
 */
export function isTransientFailure(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.status >= 500 || err.status === 429 || err.code === 'UPSTREAM_UNAVAILABLE' || err.code === 'INTERNAL_SERVER_ERROR';
}

export interface SessionStore {
  load(): Session | null;
  save(session: Session): void;
  clear(): void;
}

const SESSION_STORAGE_KEY = 'hearth.session';

export function createSessionStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, key = SESSION_STORAGE_KEY): SessionStore {
  return {
    load() {
      try {
        const value = JSON.parse(storage.getItem(key) ?? 'null') as Partial<Session> | null;
        const valid =
          value &&
          typeof value.accessToken === 'string' &&
          typeof value.refreshToken === 'string' &&
          typeof value.refreshAt === 'number' &&
          Array.isArray(value.viewer?.scopes);
        return valid ? (value as Session) : null;
      } catch {
        return null;
      }
    },
    save: (session) => storage.setItem(key, JSON.stringify(session)),
    clear: () => storage.removeItem(key),
  };
}

export type EndReason = 'logout' | 'expired';
export type SessionChange = { type: 'signedIn' | 'refreshed' | 'viewer' } | { type: 'ended'; reason: EndReason };

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SessionManagerOptions {
  store: SessionStore;
  api: Pick<SessionApi, 'refreshSession' | 'logout'>;
  now?: () => number;
  timers?: Timers;
}

const defaultTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SessionManager {
  #session: Session | null;
  #store: SessionStore;
  #api: SessionManagerOptions['api'];
  #now: () => number;
  #timers: Timers;
  #timer: unknown;
  #refreshing: Promise<string | null> | null = null;
  /** After a transient failure, requests keep the old token until the retry is due. */
  #retryAt = 0;
  #loggingOut = false;
  #listeners = new Set<(change: SessionChange) => void>();

  constructor(options: SessionManagerOptions) {
    this.#store = options.store;
    this.#api = options.api;
    this.#now = options.now ?? Date.now;
    this.#timers = options.timers ?? defaultTimers;
    this.#session = this.#store.load();
    this.#schedule(this.#session?.refreshAt);
  }

  get current(): Session | null {
    return this.#session;
  }

  /** Listens to sign-in, renewal, viewer updates and the end of the session. */
  subscribe(listener: (change: SessionChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  signIn(tokens: SessionTokens): void {
    this.#retryAt = 0;
    this.#set(toSession(tokens, this.#now()), { type: 'signedIn' });
  }

  /** A fresher viewer (role or scopes may have changed since login). */
  updateViewer(viewer: Viewer): void {
    if (this.#session) this.#set({ ...this.#session, viewer }, { type: 'viewer' });
  }

  /** The token to send now, renewed first when it is due; null when signed out. */
  async accessToken(): Promise<string | null> {
    const session = this.#session;
    if (!session) return null;
    const now = this.#now();
    if (now < session.refreshAt || now < this.#retryAt) return session.accessToken;
    await this.refresh(session.accessToken);
    return this.#session?.accessToken ?? null;
  }

  /**
   * Renews the tokens, once for all callers: concurrent callers share one refreshSession call,
   * and a caller whose token `stale` was already replaced gets the new one without another.
   * Resolves to the new access token, or null when it was not renewed (signed out, refused:
   * the session has ended; transient failure: the session stays and a retry is scheduled).
   */
  refresh(stale?: string): Promise<string | null> {
    const session = this.#session;
    if (!session) return Promise.resolve(null);
    if (stale !== undefined && stale !== session.accessToken) return Promise.resolve(session.accessToken);
    this.#refreshing ??= this.#renew(session).finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  async #renew(session: Session): Promise<string | null> {
    try {
      const tokens = await this.#api.refreshSession(session.refreshToken);
      // Signed out (or in again) while the call was out: that newer state wins.
      if (this.#session?.refreshToken !== session.refreshToken) return null;
      this.#retryAt = 0;
      this.#set(toSession(tokens, this.#now()), { type: 'refreshed' });
      return tokens.accessToken;
    } catch (err) {
      if (this.#session?.refreshToken !== session.refreshToken) return null;
      if (isTransientFailure(err)) {
        this.#retryAt = this.#now() + RETRY_REFRESH_MS;
        this.#schedule(this.#retryAt);
      } else {
        this.#end('expired');
      }
      return null;
    }
  }

  /** Ends the session at the gateway (best effort), then here. */
  async logout(): Promise<void> {
    if (!this.#session) return;
    this.#loggingOut = true;
    try {
      // Renewed first if due: an expired token could not end the session it belongs to.
      const token = await this.accessToken();
      if (token) await this.#api.logout(token);
    } catch {
      // The person asked to leave: sign out here whatever the gateway said. If the call did not
      // get through, the tokens die with their expiry and are gone from this browser already.
    } finally {
      this.#loggingOut = false;
      if (this.#session) this.#end('logout');
    }
  }

  /** Forgets the session without calling the gateway (it already refused the session). */
  end(reason: EndReason): void {
    if (this.#session) this.#end(reason);
  }

  #set(session: Session, change: SessionChange): void {
    this.#session = session;
    this.#store.save(session);
    this.#schedule(Math.max(session.refreshAt, this.#retryAt));
    this.#emit(change);
  }

  #end(reason: EndReason): void {
    this.#session = null;
    this.#retryAt = 0;
    this.#store.clear();
    this.#schedule(undefined);
    this.#emit({ type: 'ended', reason: this.#loggingOut ? 'logout' : reason });
  }

  /** Renews ahead of expiry so the live socket never runs on an expired token. */
  #schedule(at: number | undefined): void {
    this.#timers.clear(this.#timer);
    this.#timer = undefined;
    const session = this.#session;
    if (at === undefined || !session) return;
    this.#timer = this.#timers.set(() => void this.refresh(session.accessToken), Math.max(0, at - this.#now()));
  }

  #emit(change: SessionChange): void {
    for (const listener of [...this.#listeners]) listener(change);
  }
}
