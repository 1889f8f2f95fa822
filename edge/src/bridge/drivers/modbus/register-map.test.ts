import { describe, expect, it } from 'vitest';
import type { ModbusModel, RegisterSpec } from '../../config/site-config.schema';
import { demoGaugeModel } from '../../../simulator/serial/demo-gauge-model';
import { decodeRegisters, encodeRegister, registerBlock } from './register-map';

const spec = (s: Partial<RegisterSpec> & Pick<RegisterSpec, 'address' | 'type'>): RegisterSpec => ({ wordOrder: 'high-first', scale: 1, offset: 0, ...s });
const model = (registers: ModbusModel['registers']): ModbusModel => ({ registerKind: 'holding', registers });
const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');

describe('Modbus register decoding', () => {
  it('reads a float32 high word first (ABCD) and low word first (CDAB)', () => {
    // 1834.2 as IEEE-754 single precision is 44E5 4666.
    expect(decodeRegisters(model({ levelMm: spec({ address: 0, type: 'float32' }) }), hex('44E5 4666'), 0)).toEqual({ levelMm: 1834.2 });
    expect(decodeRegisters(model({ levelMm: spec({ address: 0, type: 'float32', wordOrder: 'low-first' }) }), hex('4666 44E5'), 0)).toEqual({
      levelMm: 1834.2,
    });
  });

  it('reads signed and unsigned 16- and 32-bit integers in both word orders', () => {
    const m = model({
      temperatureC: spec({ address: 10, type: 'int16' }),
      pressureKPa: spec({ address: 11, type: 'uint16' }),
      levelMm: spec({ address: 12, type: 'int32' }),
      waterLevelMm: spec({ address: 14, type: 'uint32', wordOrder: 'low-first' }),
    });
    // -235, 65301, -123456 (FFFE 1DC0), 123456 low word first (E240 0001)
    expect(decodeRegisters(m, hex('FF15 FF15 FFFE 1DC0 E240 0001'), 10)).toEqual({
      temperatureC: -235,
      pressureKPa: 65301,
      levelMm: -123456,
      waterLevelMm: 123456,
    });
  });

  it('applies scale then offset, without binary noise', () => {
    const m = model({ temperatureC: spec({ address: 0, type: 'int16', scale: 0.1, offset: -40 }) });
    expect(decodeRegisters(m, hex('0EB3'), 0)).toEqual({ temperatureC: 336.3 }); // 3763 × 0.1 − 40
  });

  it('reads the whole map in one block from its lowest to its highest register', () => {
    expect(registerBlock(demoGaugeModel)).toEqual({ start: 0, count: 6 });
    expect(registerBlock(model({ levelMm: spec({ address: 7, type: 'uint16' }), pressureKPa: spec({ address: 3, type: 'float32' }) }))).toEqual({
      start: 3,
      count: 5,
    });
  });

  it('encodes what it decodes (the simulator and the bridge agree)', () => {
    const values = { levelMm: 1834.2, temperatureC: -4.5, pressureKPa: 612.3, waterLevelMm: 12.34 };
    const words = Array(6).fill(0);
    for (const [metric, s] of Object.entries(demoGaugeModel.registers))
      words.splice(s.address, s.type.endsWith('16') ? 1 : 2, ...encodeRegister(s, values[metric as keyof typeof values]));
    const block = Buffer.alloc(12);
    words.forEach((w: number, i) => block.writeUInt16BE(w, i * 2));
    expect(decodeRegisters(demoGaugeModel, block, 0)).toEqual(values);
    expect(encodeRegister(spec({ address: 0, type: 'float32', wordOrder: 'low-first' }), -12.5)).toEqual([0x0000, 0xc148]);
  });
});
