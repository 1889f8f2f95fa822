import { describe, expect, it } from 'vitest';
import { formatPriceE4, milliOfUnits, parsePrice, priceOf } from './tariff-prices';

describe('prices in yuan and ten-thousandths', () => {
  it('reads yuan with up to 4 decimals and writes them back with 4', () => {
    expect(parsePrice('0.5283')).toBe(5283);
    expect(parsePrice('1')).toBe(10_000);
    expect(parsePrice(' 0.52 ')).toBe(5200);
    expect(parsePrice('12.0001')).toBe(120_001);
    for (const bad of ['0.52831', '-1', '1e3', '.5', '0,52', '']) expect(parsePrice(bad)).toBeNull();
    expect(formatPriceE4(5283)).toBe('0.5283');
    expect(formatPriceE4(120_001)).toBe('12.0001');
    expect(formatPriceE4(0)).toBe('0.0000');
  });

  it('takes kWh or m³ to the Wh or litre, no finer', () => {
    expect(milliOfUnits(200)).toBe(200_000);
    expect(milliOfUnits(0.001)).toBe(1);
    expect(milliOfUnits(2.0005)).toBeNull();
  });

  it('takes a price one way or the other, never both, and names the field at fault', () => {
    const problems: string[] = [];
    const problem = (field: string, message: string) => problems.push(`${field}: ${message}`);
    expect(priceOf({ unitPrice: '0.6' }, 'unitPrice', true, problem)).toBe(6000);
    expect(priceOf({ unitPriceE4: 6000 }, 'unitPrice', true, problem)).toBe(6000);
    expect(priceOf({}, 'officialUnitPrice', false, problem)).toBeNull();
    expect(problems).toEqual([]);
    priceOf({ unitPrice: '0.6', unitPriceE4: 6000 }, 'unitPrice', true, problem);
    priceOf({ unitPriceE4: 1.5 }, 'unitPrice', true, problem);
    priceOf({ unitPrice: '10000.0001' }, 'unitPrice', true, problem);
    priceOf({}, 'unitPrice', true, problem);
    expect(problems).toEqual([
      'unitPrice: give unitPrice or unitPriceE4, not both',
      'unitPriceE4: whole ten-thousandths of a yuan',
      'unitPrice: at most 10000 yuan',
      'unitPrice: give unitPrice (yuan, "0.5283") or unitPriceE4 (5283)',
    ]);
  });
});
