import type { Handle } from '@sveltejs/kit';
import { localeFromAcceptLanguage } from '$lib/i18n/browser-locale';
import { m } from '$paraglide/messages';
import { cookieName, defineCustomServerStrategy, isLocale } from '$paraglide/runtime';
import { paraglideMiddleware } from '$paraglide/server';

/**
 * The language of a request: the one chosen in the user menu (a cookie), else the browser's
 * (Accept-Language). Paraglide asks custom strategies before its cookie on the server
 * (extractLocaleFromRequestAsync), so this one steps aside when the cookie holds a choice.
 */
defineCustomServerStrategy('custom-browser', {
  getLocale: (request) => {
    if (!request) return undefined;
    const chosen = request.headers
      .get('cookie')
      ?.split(';')
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${cookieName}=`))
      ?.slice(cookieName.length + 1);
    if (chosen && isLocale(chosen)) return undefined;
    return localeFromAcceptLanguage(request.headers.get('accept-language'));
  },
});

/** Every response in the request's language: `<html lang>` and the shell's title (pages render in the browser). */
export const handle: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, ({ request, locale }) => {
    event.request = request;
    return resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%hearth.lang%', locale).replace('%hearth.title%', m.app_title()),
    });
  });
