import { requireScopes } from '$lib/api/require-scopes';
import { CUSTOMERS_READ, TANKS_READ } from '$lib/api/scopes';

// Orders are routed to stores, which are sites: named by the tanks domain.
export const load = requireScopes(CUSTOMERS_READ, TANKS_READ);
