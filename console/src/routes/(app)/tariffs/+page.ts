import { requireScopes } from '$lib/api/require-scopes';
import { METERING_READ } from '$lib/api/scopes';

// Tariffs and their versions are the metering domain's.
export const load = requireScopes(METERING_READ);
