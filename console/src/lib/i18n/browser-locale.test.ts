import { describe, expect, it } from 'vitest';
import { localeForLanguage, localeFromAcceptLanguage } from './browser-locale';

describe('the console language from the browser', () => {
  it('reads Chinese of any region or script as zh-CN, and anything else as English', () => {
    expect(['zh', 'zh-CN', 'zh-TW', 'zh-Hans-SG', 'ZH-hk'].map(localeForLanguage)).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN', 'zh-CN']);
    expect(['en-US', 'de', 'ja', '', null, undefined].map(localeForLanguage)).toEqual(['en', 'en', 'en', 'en', 'en', 'en']);
  });

  it('follows the most preferred language of Accept-Language, not any Chinese one listed', () => {
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('en;q=0.5, zh-TW;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('*')).toBe('en');
    expect(localeFromAcceptLanguage(null)).toBe('en');
  });
});
