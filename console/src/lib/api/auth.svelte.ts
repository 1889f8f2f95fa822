/**
 * The browser tab's one session, and its reactive face for components. The console renders
 * only in the browser (ssr = false in the root layout: the tokens live in sessionStorage, which
 * a server never sees), so module state here belongs to one tab, never to a shared server.
 */
import { createAuthFetch } from './auth-fetch';
import { ApiError, type FetchLike } from './graphql-request';
import { createSessionApi, fetchViewer, type SessionApi } from './session-api';
import { createSessionStore, SessionManager, type EndReason } from './session';
import type { Viewer } from './types';

export const auth = $state({
  /** Null when signed out. */
  viewer: null as Viewer | null,
  /** Why the last session ended, for the login page to say so. */
  endedReason: null as EndReason | null,
});

interface Auth {
  gatewayUrl: string;
  session: SessionManager;
  api: SessionApi;
  /** fetch with the session's credentials, renewed as needed. */
  fetch: FetchLike;
}

let current: Auth | undefined;
let viewerChecked: Promise<void> | undefined;

/** Creates the tab's session on first use; later calls return the same one. */
export function initAuth(gatewayUrl: string): Auth {
  if (current) return current;
  const api = createSessionApi(gatewayUrl);
  const session = new SessionManager({ store: createSessionStore(sessionStorage), api });
  current = { gatewayUrl, session, api, fetch: createAuthFetch(session) };
  auth.viewer = session.current?.viewer ?? null;
  session.subscribe((change) => {
    auth.viewer = session.current?.viewer ?? null;
    if (change.type === 'ended') {
      auth.endedReason = change.reason;
      viewerChecked = undefined;
    } else if (change.type === 'signedIn') {
      auth.endedReason = null;
      // The login answer carries a fresh viewer; no need to ask again this page load.
      viewerChecked = Promise.resolve();
    }
  });
  return current;
}

export function getAuth(): Auth {
  if (!current) throw new Error('initAuth() runs in the root layout load; nothing may use the session before it.');
  return current;
}

/**
 * Asks the gateway who we are, once per page load: the role may have changed since login,
 * and a session ended elsewhere (another device's logout, an administrator) shows up here.
 * A refused session has been ended by the fetch by the time this resolves. An unreachable
 * gateway leaves the stored viewer in place; the next navigation asks again. `again`: ask now
 * (the gateway said the scopes changed).
 */
export function checkViewer(again = false): Promise<void> {
  const { gatewayUrl, session, fetch } = getAuth();
  if (again) viewerChecked = undefined;
  viewerChecked ??= fetchViewer(gatewayUrl, fetch).then(
    (viewer) => session.updateViewer(viewer),
    (err: unknown) => {
      viewerChecked = undefined;
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') session.end('expired');
    },
  );
  return viewerChecked;
}
