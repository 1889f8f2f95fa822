import { requireScopes } from '$lib/api/require-scopes';
import { CUSTOMERS_READ, FUELING_READ } from '$lib/api/scopes';

// Cards are the fueling domain's; their holders are customers.
export const load = requireScopes(FUELING_READ, CUSTOMERS_READ);
