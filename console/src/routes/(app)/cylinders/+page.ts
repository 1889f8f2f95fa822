import { requireScopes } from '$lib/api/require-scopes';
import { CYLINDERS_READ, TANKS_READ } from '$lib/api/scopes';

// Stock and flows are counted by site, and sites are named by the tanks domain.
export const load = requireScopes(CYLINDERS_READ, TANKS_READ);
