import { describe, expect, it } from 'vitest';
import type { TankInventory } from './inventory-report';
import { hexToFloat } from './tls-frame';
import { tankValues } from './tls-units';

const record = (r: Partial<TankInventory>): TankInventory => ({
  tank: 1,
  productCode: '1',
  status: 0,
  volume: 5329,
  tcVolume: 5413,
  ullage: 4670,
  height: 0,
  water: 0,
  temperature: 0,
  ...r,
});

describe('TLS values in the contract units', () => {
  it('converts inches and °F, without float32 noise', () => {
    // 48.97 in as the console sends it (4243E148) reads back as 48.970001220703125.
    expect(tankValues(record({ height: hexToFloat('4243E148'), water: 0.5, temperature: 60.8 }), { length: 'in', temperature: 'F' })).toEqual({
      levelMm: 1243.838,
      waterLevelMm: 12.7,
      temperatureC: 16,
    });
  });

  it('passes millimetres and °C through', () => {
    expect(tankValues(record({ height: 1243.8, water: 12, temperature: -4.5 }), { length: 'mm', temperature: 'C' })).toEqual({
      levelMm: 1243.8,
      waterLevelMm: 12,
      temperatureC: -4.5,
    });
  });

  it('sends only the temperature while the invalid fuel height alarm is set', () => {
    expect(tankValues(record({ status: 0x0004, height: 10, temperature: 15 }), { length: 'mm', temperature: 'C' })).toEqual({ temperatureC: 15 });
  });
});
