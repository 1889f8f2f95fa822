import { error } from '@sveltejs/kit';
import { m } from '$paraglide/messages';
import { auth } from './auth.svelte';
import { hasScopes } from './scopes';

/**
 * A page load that refuses viewers without `scopes` before the page mounts, so none of its
 * queries is ever sent; (app)/+error.svelte says what is missing.
 */
export function requireScopes(...scopes: string[]) {
  return async ({ parent }: { parent: () => Promise<unknown> }): Promise<Record<string, never>> => {
    await parent();
    if (!hasScopes(auth.viewer, scopes)) error(403, { message: m.error_not_allowed_title(), requiredScopes: scopes });
    return {};
  };
}
