import { redirect } from '@sveltejs/kit';
import { auth, checkViewer, getAuth } from '$lib/api/auth.svelte';
import { loginHref } from '$lib/api/login-redirect';
import type { LayoutLoad } from './$types';

/**
 * Every page in this group needs a session; without one, log in and come back here. A stored
 * session is checked with the gateway once per page load; if that finds it ended, the login
 * page says so.
 */
export const load: LayoutLoad = async ({ parent, url }) => {
  await parent();
  const { session } = getAuth();
  if (session.current) await checkViewer();
  if (!session.current) redirect(307, loginHref(url.pathname + url.search, auth.endedReason ?? undefined));
};
