import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../i18n.config.js';
import { messagePlaceholders, readCatalogue, sourceFiles, usedKeys } from './catalogue';

/**
 * The console speaks every language it offers completely: both catalogues hold the same
 * messages, showing the same values, and hold every message the code asks for.
 */
const catalogues = Object.fromEntries(LOCALES.map((locale) => [locale, readCatalogue(locale)]));
const allKeys = [...new Set(Object.values(catalogues).flatMap((c) => Object.keys(c)))].sort();
const uses = sourceFiles().flatMap(([file, text]) => usedKeys(text).map((key) => ({ file, key })));

describe('the message catalogues', () => {
  it('hold the same keys in every language', () => {
    const missing = LOCALES.flatMap((locale) => allKeys.filter((key) => !(key in catalogues[locale]!)).map((key) => `${locale}: ${key}`));
    expect(missing).toEqual([]);
  });

  it('hold every key the sources use', () => {
    expect(uses.length).toBeGreaterThan(100);
    const missing = LOCALES.flatMap((locale) => uses.filter(({ key }) => !(key in catalogues[locale]!)).map(({ file, key }) => `${locale}: ${key} (${file})`));
    expect(missing).toEqual([]);
  });

  it('hold no message the sources no longer use', () => {
    const used = new Set(uses.map((u) => u.key));
    expect(allKeys.filter((key) => !used.has(key))).toEqual([]);
  });

  it('show the same values in each message, and some text, in every language', () => {
    const problems = allKeys.flatMap((key) => {
      const [first, ...others] = LOCALES.map((locale) => catalogues[locale]![key]);
      if (first === undefined) return [];
      const inputs = messagePlaceholders(first).join(', ');
      return [
        ...others.flatMap((message, i) =>
          message !== undefined && messagePlaceholders(message).join(', ') !== inputs
            ? [`${key}: {${inputs}} ≠ ${LOCALES[i + 1]} {${messagePlaceholders(message).join(', ')}}`]
            : [],
        ),
        ...LOCALES.flatMap((locale) => (catalogues[locale]![key] === '' ? [`${locale}: ${key} is empty`] : [])),
      ];
    });
    expect(problems).toEqual([]);
  });
});
