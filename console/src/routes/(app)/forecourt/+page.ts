import { requireScopes } from '$lib/api/require-scopes';
import { FUELING_READ, TANKS_READ, TWINS_READ } from '$lib/api/scopes';

// Stations, pumps and prices are the fueling domain's, the pumps' live state the twins', station names the tanks' (sites).
export const load = requireScopes(FUELING_READ, TWINS_READ, TANKS_READ);
