import { requireScopes } from '$lib/api/require-scopes';
import { CUSTOMERS_READ, METERING_READ, TANKS_READ, TWINS_READ } from '$lib/api/scopes';

// Meters, balances and the supply policy are the metering domain's; relays and registers the twins'; sites the tanks'; payers customers'.
export const load = requireScopes(METERING_READ, TWINS_READ, TANKS_READ, CUSTOMERS_READ);
