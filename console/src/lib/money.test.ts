import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMinor, minorToDecimal, parseAmount } from './money';

describe('parseAmount', () => {
  it('turns yuan into whole fen exactly, where multiplying the float would not', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(parseAmount('12.34', 2)).toEqual({ minor: 1234 });
    expect(parseAmount('0.29', 2)).toEqual({ minor: 29 });
    expect(parseAmount('1,234.5', 2)).toEqual({ minor: 123450 });
    expect(parseAmount(' 100 ', 2)).toEqual({ minor: 10000 });
    expect(parseAmount('.5', 2)).toEqual({ minor: 50 });
  });

  it('refuses what is not an amount, rather than guessing', () => {
    expect(parseAmount('', 2)).toEqual({ problem: 'invalid' });
    expect(parseAmount('12,34', 2)).toEqual({ problem: 'invalid' });
    expect(parseAmount('-5', 2)).toEqual({ problem: 'invalid' });
    expect(parseAmount('1e3', 2)).toEqual({ problem: 'invalid' });
    expect(parseAmount('1.234', 2)).toEqual({ problem: 'tooPrecise' });
    expect(parseAmount('0.00', 2)).toEqual({ problem: 'notPositive' });
    expect(parseAmount('99999999999999999', 2)).toEqual({ problem: 'tooLarge' });
  });
});

describe('money display', () => {
  it('knows the minor digits of a currency', () => {
    expect(currencyDigits('CNY')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
  });

  it('writes minor units as a decimal without float division', () => {
    expect(minorToDecimal(123456, 2)).toBe('1234.56');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(9007199254740991, 2)).toBe('90071992547409.91');
  });

  it('formats yuan with the symbol, grouping and two decimals in both languages', () => {
    expect(formatMinor(123456, 'CNY', 'en')).toBe('¥1,234.56');
    expect(formatMinor(123456, 'CNY', 'zh-CN')).toBe('¥1,234.56');
    expect(formatMinor(-11500, 'CNY', 'en')).toBe('-¥115.00');
    expect(formatMinor(9007199254740991, 'CNY', 'en')).toBe('¥90,071,992,547,409.91');
  });
});
