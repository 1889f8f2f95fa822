import { requireScopes } from '$lib/api/require-scopes';
import { TANKS_READ, TWINS_READ } from '$lib/api/scopes';

// The board lists tanks and shows their live twins.
export const load = requireScopes(TANKS_READ, TWINS_READ);
