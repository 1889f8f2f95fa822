import { requireScopes } from '$lib/api/require-scopes';
import { FUELING_READ, TANKS_READ, TWINS_READ } from '$lib/api/scopes';

// Sales and reports are the fueling domain's; station and tank names the tanks', the pumps' alarms the twins'.
export const load = requireScopes(FUELING_READ, TANKS_READ, TWINS_READ);
