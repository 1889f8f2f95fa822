import { requireScopes } from '$lib/api/require-scopes';
import { TWINS_READ } from '$lib/api/scopes';

export const load = requireScopes(TWINS_READ);
