import { redirect } from '@sveltejs/kit';
import { getAuth } from '$lib/api/auth.svelte';
import { safeRedirectTarget } from '$lib/api/login-redirect';
import type { PageLoad } from './$types';

/** Already signed in (another visit to /login, the back button): go straight on. */
export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  if (getAuth().session.current) redirect(307, safeRedirectTarget(url.searchParams.get('redirectTo')));
};
