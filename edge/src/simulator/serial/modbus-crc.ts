/**
 * CRC-16/MODBUS (polynomial 0xA001 reflected, initial 0xFFFF), sent low byte first
 * (Modbus over serial line V1.02 §6.2.2). The bridge checks it through modbus-serial; the
 * simulated slave computes it itself.
 */
export function modbusCrc(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export function withCrc(frame: Buffer): Buffer {
  const out = Buffer.alloc(frame.length + 2);
  frame.copy(out);
  out.writeUInt16LE(modbusCrc(frame), frame.length);
  return out;
}
