import { describe, expect, it } from 'vitest';
import { hasScopes } from './scopes';

describe('hasScopes', () => {
  it('matches wildcards the way the gateway grants them to roles', () => {
    const viewer = { scopes: ['*:read'] };
    expect(hasScopes(viewer, ['tanks:read', 'twins:read'])).toBe(true);
    expect(hasScopes(viewer, ['tanks:write'])).toBe(false);
    expect(hasScopes(viewer, ['identity:admin'])).toBe(false);
  });

  it('needs every required scope; write does not imply read', () => {
    expect(hasScopes({ scopes: ['tanks:write', 'identity:admin'] }, ['identity:admin'])).toBe(true);
    expect(hasScopes({ scopes: ['tanks:write'] }, ['tanks:read'])).toBe(false);
  });

  it('allows nothing when signed out', () => {
    expect(hasScopes(null, [])).toBe(false);
  });
});
