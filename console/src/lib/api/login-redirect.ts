import type { EndReason } from './session';

const DEFAULT_PAGE = '/';

/**
 * Where to go after logging in. Only a path on this origin is accepted, so a crafted link
 * (`/login?redirectTo=https://evil.example`) cannot send a freshly signed-in person elsewhere.
 */
export function safeRedirectTarget(target: string | null | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return DEFAULT_PAGE;
  const url = new URL(target, 'http://console.invalid');
  if (url.origin !== 'http://console.invalid' || url.pathname === '/login') return DEFAULT_PAGE;
  return url.pathname + url.search + url.hash;
}

/**
 * The login page for someone who wanted `from` (path and query). An explicit logout starts
 * over at the default page; an expired session returns to where it ended.
 */
export function loginHref(from: string, reason?: EndReason): string {
  const params = new URLSearchParams();
  const target = safeRedirectTarget(from);
  if (reason !== 'logout' && target !== DEFAULT_PAGE) params.set('redirectTo', target);
  if (reason === 'expired') params.set('reason', 'expired');
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
