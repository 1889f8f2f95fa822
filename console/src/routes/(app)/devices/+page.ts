import { requireScopes } from '$lib/api/require-scopes';
import { FLEET_READ, TWINS_READ } from '$lib/api/scopes';

// Gateways and devices are the fleet's; their connectivity, refusals and commands the twins'.
export const load = requireScopes(FLEET_READ, TWINS_READ);
