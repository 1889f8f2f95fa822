import { initAuth } from '$lib/api/auth.svelte';
import type { LayoutLoad } from './$types';

// The session's tokens live in the tab's sessionStorage (see lib/api/session.ts), which a
// server never sees: pages render in the browser only, where the route guards can read them.
export const ssr = false;

export const load: LayoutLoad = ({ data }) => {
  initAuth(data.gatewayUrl);
  return data;
};
