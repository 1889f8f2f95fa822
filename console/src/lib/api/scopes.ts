import type { Viewer } from './types';

/**
 * Scopes are `domain:access` (`tanks:read`, `twins:write`, `identity:admin`). A granted `*`
 * on either side matches anything there: roles are granted `*:read`, `*:write`, so the
 * viewer's list must be matched, not searched. Write does not imply read.
 */
export const IDENTITY_ADMIN = 'identity:admin';
export const FLEET_READ = 'fleet:read';
export const TANKS_READ = 'tanks:read';
export const TWINS_READ = 'twins:read';
export const TWINS_WRITE = 'twins:write';
export const CUSTOMERS_READ = 'customers:read';
export const CUSTOMERS_WRITE = 'customers:write';
export const CYLINDERS_READ = 'cylinders:read';
export const FUELING_READ = 'fueling:read';
export const FUELING_WRITE = 'fueling:write';
export const METERING_READ = 'metering:read';
export const METERING_WRITE = 'metering:write';
/** Reading customers' ID and phone numbers whole; granted by name (supervisors, admins), never by `*:read`. */
export const CUSTOMERS_PII = 'customers:pii';

/** Domains an API key can be scoped to, each for reading and/or writing; `*` is every domain, later ones too. */
export const API_KEY_DOMAINS = ['tanks', 'twins', 'customers', 'cylinders', '*'] as const;
export const SCOPE_ACTIONS = ['read', 'write'] as const;

/** Whether the granted scopes allow `required` (which has no wildcards). */
export function grants(granted: readonly string[], required: string): boolean {
  const [domain, access] = required.split(':', 2);
  return granted.some((scope) => {
    const [d, a] = scope.split(':', 2);
    return (d === '*' || d === domain) && (a === '*' || a === access);
  });
}

/** True when the viewer holds every one of `required` (none required: anyone signed in). */
export function hasScopes(viewer: Pick<Viewer, 'scopes'> | null | undefined, required: readonly string[]): boolean {
  return !!viewer && required.every((scope) => grants(viewer.scopes, scope));
}
