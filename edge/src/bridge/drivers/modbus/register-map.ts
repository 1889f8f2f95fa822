import { float32Digits } from '../float32';
import { meterMetrics, registerWidth, tankMetrics, type ModbusMetric, type ModbusModel, type RegisterSpec } from '../../config/site-config.schema';

/** A gauge's tank metrics, or a meter's register (`registerKwh`). */
export type TankValues = Partial<Record<ModbusMetric, number>>;

/** The one contiguous block of registers a model is read with: a single request per poll. */
export function registerBlock(model: ModbusModel): { start: number; count: number } {
  const specs = Object.values(model.registers).filter((s): s is RegisterSpec => s !== undefined);
  const start = Math.min(...specs.map((s) => s.address));
  const end = Math.max(...specs.map((s) => s.address + registerWidth(s)));
  return { start, count: end - start };
}

/**
 * Turns the bytes of a register block (big-endian within each register, Modbus Application
 * Protocol §4.2) into the model's metrics: raw value × scale + offset.
 */
export function decodeRegisters(model: ModbusModel, block: Buffer, blockStart: number): TankValues {
  const values: TankValues = {};
  for (const metric of [...tankMetrics, ...meterMetrics]) {
    const spec = model.registers[metric];
    if (!spec) continue;
    const at = (spec.address - blockStart) * 2;
    values[metric] = cleanFloat(readRaw(spec, block.subarray(at, at + registerWidth(spec) * 2)) * spec.scale + spec.offset);
  }
  return values;
}

function readRaw(spec: RegisterSpec, bytes: Buffer): number {
  // 32-bit values span two registers; devices disagree on which comes first, hence wordOrder.
  const b = registerWidth(spec) === 2 && spec.wordOrder === 'low-first' ? Buffer.concat([bytes.subarray(2, 4), bytes.subarray(0, 2)]) : bytes;
  switch (spec.type) {
    case 'int16':
      return b.readInt16BE(0);
    case 'uint16':
      return b.readUInt16BE(0);
    case 'int32':
      return b.readInt32BE(0);
    case 'uint32':
      return b.readUInt32BE(0);
    case 'float32':
      return float32Digits(b.readFloatBE(0));
  }
}

/** The inverse, for the gauge simulator: register words holding `value` as `spec` encodes it. */
export function encodeRegister(spec: RegisterSpec, value: number): number[] {
  const raw = (value - spec.offset) / spec.scale;
  const b = Buffer.alloc(registerWidth(spec) * 2);
  switch (spec.type) {
    case 'int16':
      b.writeInt16BE(Math.round(raw));
      break;
    case 'uint16':
      b.writeUInt16BE(Math.round(raw));
      break;
    case 'int32':
      b.writeInt32BE(Math.round(raw));
      break;
    case 'uint32':
      b.writeUInt32BE(Math.round(raw));
      break;
    case 'float32':
      b.writeFloatBE(raw);
      break;
  }
  const words = [];
  for (let i = 0; i < b.length; i += 2) words.push(b.readUInt16BE(i));
  return spec.wordOrder === 'low-first' ? words.reverse() : words;
}

/** Scaling multiplies in binary (235 × 0.1 = 23.500000000000004): round that noise away at a micro-unit. */
const cleanFloat = (v: number) => Math.round(v * 1e6) / 1e6;
