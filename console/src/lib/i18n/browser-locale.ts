/**
 * The console's language when the person has not chosen one: the browser's. Chinese in any form
 * (zh, zh-CN, zh-TW, zh-Hans-SG …) reads the Simplified Chinese catalogue, anything else English.
 * Pure, so the server (Accept-Language) and the browser (navigator.language) decide alike.
 */
export type ConsoleLocale = 'en' | 'zh-CN';

export function localeForLanguage(tag: string | null | undefined): ConsoleLocale {
  return tag?.trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The language the browser prefers most (highest q, first among equals; RFC 9110 §12.5.4). */
export function preferredLanguage(acceptLanguage: string | null | undefined): string | null {
  let best: { tag: string; q: number } | null = null;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...params] = part.split(';').map((s) => s.trim());
    if (!tag || tag === '*') continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { tag, q };
  }
  return best?.tag ?? null;
}

export function localeFromAcceptLanguage(acceptLanguage: string | null | undefined): ConsoleLocale {
  return localeForLanguage(preferredLanguage(acceptLanguage));
}
