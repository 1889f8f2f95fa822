/**
 * Veeder-Root TLS-3xx serial interface, computer format (Serial Interface Manual 576013-635 §6.1):
 *   <SOH> function code, data… "&&" CCCC <ETX>
 * CCCC is four ASCII-hex digits: the 16-bit two's complement of the sum of every character before it,
 * SOH and "&&" included, so that sum + CCCC = 0 (mod 2^16). Bytes are handled as latin1 text.
 */
export const SOH = '\x01';
export const ETX = '\x03';
export const checksumTag = '&&';
/** "&&" + 4 hex digits + ETX. */
export const trailerLength = 7;

export function checksumOf(text: string): number {
  let sum = 0;
  // The parity bit is cleared before summing (§6.1), which matters on 7-bit lines.
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i) & 0x7f;
  return -sum & 0xffff;
}

/** A whole frame around `body` (function code and data), checksum included. */
export function frameOf(body: string): string {
  const head = `${SOH}${body}${checksumTag}`;
  return `${head}${checksumOf(head).toString(16).toUpperCase().padStart(4, '0')}${ETX}`;
}

/** The command asking for the in-tank inventory (function 201) of one tank, or all with 0. */
export const inventoryCommand = (tank: number, securityCode = ''): string => `${SOH}${securityCode}i201${String(tank).padStart(2, '0')}`;

/** IEEE-754 single precision as the TLS sends it: eight ASCII-hex digits, most significant first (§6.3). */
export function floatToHex(value: number): string {
  const b = Buffer.alloc(4);
  b.writeFloatBE(value);
  return b.toString('hex').toUpperCase();
}

export function hexToFloat(hex: string): number {
  return Buffer.from(hex, 'hex').readFloatBE(0);
}
