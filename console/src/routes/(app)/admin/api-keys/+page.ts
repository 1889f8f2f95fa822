import { requireScopes } from '$lib/api/require-scopes';
import { IDENTITY_ADMIN } from '$lib/api/scopes';

export const load = requireScopes(IDENTITY_ADMIN);
