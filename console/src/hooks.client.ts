import { localeForLanguage } from '$lib/i18n/browser-locale';
import { defineCustomClientStrategy, getLocale } from '$paraglide/runtime';

/** In the browser, without a chosen language (cookie), the browser's own: navigator.language. */
defineCustomClientStrategy('custom-browser', {
  getLocale: () => localeForLanguage(navigator.language),
  // The choice is kept by the cookie strategy before this one.
  setLocale: () => {},
});

// The server set it from the same choice; a client-side navigation never changes it (a new language reloads).
document.documentElement.lang = getLocale();
