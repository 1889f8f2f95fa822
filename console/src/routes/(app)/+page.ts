import { redirect } from '@sveltejs/kit';
import { auth } from '$lib/api/auth.svelte';
import { ADMIN_NAV_ITEMS, NAV_ITEMS, allowedItems } from '$lib/nav';
import type { PageLoad } from './$types';

// No home page: open the first domain the viewer may see (Tanks, for every role so far).
export const load: PageLoad = async ({ parent }) => {
  await parent();
  const first = allowedItems([...NAV_ITEMS, ...ADMIN_NAV_ITEMS], auth.viewer)[0] ?? NAV_ITEMS[0];
  redirect(307, first?.href ?? '/tanks');
};
