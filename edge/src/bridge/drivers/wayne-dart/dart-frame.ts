/**
 * Wayne DART, line level (level 2). The Dart Pump Interface specification (Dresser Wayne, rev. 2.11,
 * WM041550, §1.1) shows a block on the line as
 *
 *   ADR CTRL TRANS LNG DATA… CRC-1 CRC-2 ETX SF
 *
 * with ADR 50H–6FH, ETX 03H and SF FAH. The line level's own document ("DART-LINE protocol
 * specification") was not available; what follows beyond §1.1 is inferred (edge/README.md, "Wayne DART"):
 * - CRC-16 over ADR … last data byte: polynomial 8005H bit-reflected (CRC-16/ARC), initial value 0,
 *   sent low byte first. Checked against blocks captured from a Wayne pump and published.
 * - CTRL: the high nibble is the block type, the low nibble the block sequence number TX#. DATA (3xH)
 *   is seen on the wire; POLL 20H, NAK 5xH, EOT 7xH and ACK CxH are inferred.
 * - POLL, ACK, NAK and EOT are short blocks ADR CTRL SF, without CRC (inferred).
 * - Transparency: an FAH inside a block (a CRC byte can be one) is sent as DLE FAH, DLE = 10H (inferred).
 */
export const SF = 0xfa;
export const ETX = 0x03;
export const DLE = 0x10;
export const firstPumpAddress = 0x50;
export const lastPumpAddress = 0x6f;

export type ShortFrameType = 'poll' | 'ack' | 'nak' | 'eot';
export type DartFrame = { type: ShortFrameType; address: number; tx: number } | { type: 'data'; address: number; tx: number; data: Buffer };

const typeCodes: Record<DartFrame['type'], number> = { poll: 0x20, data: 0x30, nak: 0x50, eot: 0x70, ack: 0xc0 };
const typeOfCode = new Map(Object.entries(typeCodes).map(([type, code]) => [code, type as DartFrame['type']]));

/** CRC-16/ARC: reflected polynomial A001H (8005H), initial value 0. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export function encodeFrame(frame: DartFrame): Buffer {
  const ctrl = typeCodes[frame.type] | (frame.type === 'poll' ? 0 : frame.tx & 0x0f);
  if (frame.type !== 'data') return Buffer.from([frame.address, ctrl, SF]);
  const body = Buffer.concat([Buffer.from([frame.address, ctrl]), frame.data]);
  const crc = crc16(body);
  return Buffer.concat([stuff(Buffer.concat([body, Buffer.from([crc & 0xff, crc >>> 8])])), Buffer.from([ETX, SF])]);
}

/** The length of the first block in `bytes` (up to and including its unescaped SF), or undefined while incomplete. */
export function frameEnd(bytes: Buffer): number | undefined {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === DLE && bytes[i + 1] === SF) i++;
    else if (bytes[i] === SF) return i + 1;
  }
  return undefined;
}

export type FrameReason = 'crc' | 'malformed';
export type DecodedFrame = { ok: true; frame: DartFrame } | { ok: false; reason: FrameReason; detail: string; address?: number };

/** Decodes one whole block as `frameEnd` delimits it. */
export function decodeFrame(block: Buffer): DecodedFrame {
  const raw = unstuff(block.subarray(0, block.length - 1));
  const [address, ctrl] = [raw[0], raw[1]];
  if (block[block.length - 1] !== SF || address === undefined || ctrl === undefined) return malformed('shorter than ADR CTRL SF');
  const type = typeOfCode.get(ctrl & 0xf0);
  if (type === undefined) return malformed(`unknown CTRL ${hex(ctrl)}`, address);
  const tx = ctrl & 0x0f;
  if (type !== 'data') return raw.length === 2 ? { ok: true, frame: { type, address, tx } } : malformed(`a ${type} block carries no data`, address);
  if (raw.length < 5 || raw[raw.length - 1] !== ETX) return malformed('a DATA block ends CRC-1 CRC-2 ETX SF', address);
  const body = raw.subarray(0, raw.length - 3);
  const sent = raw[raw.length - 3]! | (raw[raw.length - 2]! << 8);
  const computed = crc16(body);
  if (sent !== computed) return { ok: false, reason: 'crc', detail: `CRC ${hex(sent)} on the line, ${hex(computed)} computed`, address };
  return { ok: true, frame: { type, address, tx, data: Buffer.from(body.subarray(2)) } };
}

function stuff(bytes: Buffer): Buffer {
  const out: number[] = [];
  for (const byte of bytes) {
    if (byte === SF) out.push(DLE);
    out.push(byte);
  }
  return Buffer.from(out);
}

function unstuff(bytes: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === DLE && bytes[i + 1] === SF) i++;
    out.push(bytes[i]!);
  }
  return Buffer.from(out);
}

const malformed = (detail: string, address?: number): DecodedFrame => ({
  ok: false,
  reason: 'malformed',
  detail,
  ...(address === undefined ? {} : { address }),
});
const hex = (n: number) => `${n.toString(16).toUpperCase().padStart(2, '0')}H`;
