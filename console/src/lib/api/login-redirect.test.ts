import { describe, expect, it } from 'vitest';
import { loginHref, safeRedirectTarget } from './login-redirect';

describe('safeRedirectTarget', () => {
  it('keeps a path on this origin with its query', () => {
    expect(safeRedirectTarget('/admin/api-keys?x=1')).toBe('/admin/api-keys?x=1');
  });
  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', null, '/login'])('refuses %s', (target) => {
    expect(safeRedirectTarget(target)).toBe('/');
  });
});

describe('loginHref', () => {
  it('remembers the page that needed a login', () => {
    expect(loginHref('/admin/audit')).toBe('/login?redirectTo=%2Fadmin%2Faudit');
  });
  it('says the session expired, and returns there afterwards', () => {
    expect(loginHref('/tanks', 'expired')).toBe('/login?redirectTo=%2Ftanks&reason=expired');
  });
  it('starts over after an explicit logout', () => {
    expect(loginHref('/tanks', 'logout')).toBe('/login');
  });
});
