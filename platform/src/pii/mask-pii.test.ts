import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from './mask-pii';

describe('maskPhone', () => {
  it.each([
    ['13800000003', '138****0003'],
    ['138 0000 0003', '138****0003'],
    ['0571-88886666', '0571-****6666'],
    ['(010) 1234 5678', '010-****5678'],
    ['0571-8888666', '0571-****666'],
    ['057188886666', '********6666'],
    ['+86 138 0000 0003', '*********0003'],
    ['88886666', '****6666'],
    ['8888666', '****666'],
    ['888666', '******'],
  ])('masks %s as %s', (raw, masked) => {
    expect(maskPhone(raw)).toBe(masked);
  });

  it('never shows more than 7 significant digits, and always hides at least 4', () => {
    for (const raw of ['13800000003', '0571-88886666', '010-12345678', '0571-8888666', '8888666', '123456789012345']) {
      const masked = maskPhone(raw);
      const shown = masked.replace(/^0/, '').replace(/\D/g, '').length; // the trunk prefix 0 says nothing
      expect(shown, masked).toBeLessThanOrEqual(7);
      expect(masked.split('*').length - 1, masked).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('maskIdNumber', () => {
  it('shows a resident ID number’s first 3 and last 4 characters (never the birth date), same length', () => {
    expect(maskIdNumber('110105199003071234')).toBe('110***********1234');
    expect(maskIdNumber(' 11010519491231002x')).toBe('110***********002X');
  });

  it('shows the first 1 and last 2 of other documents, nothing of fewer than 6 characters', () => {
    expect(maskIdNumber('E12345678')).toBe('E******78');
    expect(maskIdNumber('110105491231002')).toBe('1************02');
    expect(maskIdNumber('AB123')).toBe('*****');
  });
});
