import { requireScopes } from '$lib/api/require-scopes';
import { CUSTOMERS_READ, TANKS_READ } from '$lib/api/scopes';

// A customer's supply station is a site, named by the tanks domain.
export const load = requireScopes(CUSTOMERS_READ, TANKS_READ);
