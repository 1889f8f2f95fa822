import { requireScopes } from '$lib/api/require-scopes';
import { CYLINDERS_READ, TANKS_READ, TWINS_READ } from '$lib/api/scopes';

// Stations and fills are the cylinders domain's, the scales' live state the twins', station names the tanks'.
export const load = requireScopes(CYLINDERS_READ, TWINS_READ, TANKS_READ);
