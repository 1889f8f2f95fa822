import { describe, expect, it } from 'vitest';
import { normalizeIdNumber, normalizePhone } from './normalize-pii';
import { idNumberProblem, phoneProblem, residentIdCheckCharacter } from './pii-problems';

/** GB 11643-1999 computed here from its definition (weights 2^(17-i) mod 11), not from the module's table. */
function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (2 ** (17 - i) % 11), 0);
  return '10X98765432'[sum % 11]!;
}

describe('normalisers', () => {
  it('keep a phone number digits only, folding full-width digits', () => {
    expect(normalizePhone('+86 138-0000-0003')).toBe('8613800000003');
    expect(normalizePhone('(0571) 8888.6666')).toBe('057188886666');
    expect(normalizePhone('１３８０００００００３')).toBe('13800000003');
  });

  it('trim, uppercase and unspace an ID number', () => {
    expect(normalizeIdNumber(' 1101 0519 4912 3100 2x ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('ｅ１２３４５６７８')).toBe('E12345678');
  });
});

describe('phoneProblem', () => {
  it.each(['13800000003', '138 0000 0003', '0571-88886666', '(010) 1234 5678', '+86 138 0000 0003', '8888666', '123456789012345'])('accepts %s', (raw) => {
    expect(phoneProblem(raw)).toBeNull();
  });

  it('refuses fewer than 7 or more than 15 digits (ITU-T E.164), saying how many', () => {
    expect(phoneProblem('123456')).toMatch(/7 to 15 digits.*has 6/);
    expect(phoneProblem('1234567890123456')).toMatch(/has 16/);
  });

  it('refuses letters and a + that is not leading, rather than drop them', () => {
    expect(phoneProblem('138-CALL-0003')).toMatch(/digits/);
    expect(phoneProblem('138+00000003')).toMatch(/leading \+/);
  });
});

describe('idNumberProblem', () => {
  const first17 = '11010519900307123';
  const valid = first17 + checkCharacter(first17);
  const wrong = first17 + (checkCharacter(first17) === '0' ? '1' : '0');

  it('accepts resident ID numbers whose check character is right (GB 11643-1999 MOD 11-2)', () => {
    expect(residentIdCheckCharacter(first17)).toBe(checkCharacter(first17));
    expect(idNumberProblem(valid, 'RESIDENT_ID')).toBeNull();
    expect(idNumberProblem('11010519491231002X', 'RESIDENT_ID')).toBeNull();
    expect(idNumberProblem('11010519491231002x', 'RESIDENT_ID')).toBeNull();
  });

  it('refuses a wrong check character, without repeating the number', () => {
    const problem = idNumberProblem(wrong, 'RESIDENT_ID');
    expect(problem).toMatch(/check character/);
    expect(problem).not.toContain(first17);
    expect(idNumberProblem('110105194912310021', 'RESIDENT_ID')).toMatch(/check character/);
  });

  it('refuses resident IDs that are not 17 digits and a digit or X; old 15-character IDs go as OTHER', () => {
    expect(idNumberProblem('11010519491231002', 'RESIDENT_ID')).toMatch(/18 characters/);
    expect(idNumberProblem('1101051949123100X2', 'RESIDENT_ID')).toMatch(/18 characters/);
    expect(idNumberProblem('110105491231002', 'RESIDENT_ID')).toMatch(/another document kind/);
    expect(idNumberProblem('110105491231002', 'OTHER')).toBeNull();
  });

  it('accepts other documents as 6 to 20 letters and digits, without a checksum', () => {
    expect(idNumberProblem('E12345678', 'OTHER')).toBeNull();
    expect(idNumberProblem(wrong, 'OTHER')).toBeNull();
    expect(idNumberProblem('E1234', 'OTHER')).toMatch(/6 to 20/);
    expect(idNumberProblem('E'.repeat(21), 'OTHER')).toMatch(/6 to 20/);
    expect(idNumberProblem('E1234-678', 'OTHER')).toMatch(/letters and digits/);
  });
});
