/**
 * DL/T 645-2007, 多功能电能表通信协议 (multi-function watt-hour meter communication protocol), the
 * frame (§4 of the standard as we read it; see edge/README.md "DL/T 645-2007" for what is inferred):
 *
 *   [FE FE FE FE] 68 A0 A1 A2 A3 A4 A5 68 C L DATA… CS 16
 *
 * - FE×4: wake-up preamble the master sends before a frame; a receiver skips it (meters often send it too).
 * - A0…A5: the meter's address, 12 BCD digits, least significant byte first; AA is a wildcard digit pair
 *   (AAAAAAAAAAAA reaches any meter), 999999999999 is the broadcast address.
 * - C: control code. D7 direction (0 master → slave, 1 slave's reply), D6 abnormal reply, D5 a follow-up
 *   frame comes, D4…D0 the function.
 * - L: number of data bytes; every data byte is sent +33H and read −33H.
 * - CS: the sum of every byte from the first 68H to the last data byte, modulo 256; then 16H.
 */
export const START = 0x68;
export const END = 0x16;
export const PREAMBLE = 0xfe;
export const wakeUp = Buffer.from([PREAMBLE, PREAMBLE, PREAMBLE, PREAMBLE]);
/** 68 A0…A5 68 C L before the data, CS 16 after it. */
const headerLength = 10;
const overhead = 12;
/** The standard bounds L: at most 200 data bytes in a read's answer (and 50 in a write). */
export const maxDataLength = 200;

export const controlBits = { reply: 0x80, abnormal: 0x40, followUp: 0x20, function: 0x1f } as const;
export const functionCode = {
  broadcastTime: 0x08,
  read: 0x11,
  readFollowUp: 0x12,
  readAddress: 0x13,
  write: 0x14,
  relayControl: 0x1c,
} as const;

export interface Dlt645Frame {
  /** 12 characters as printed on the meter: digits, or A for a wildcard digit. */
  address: string;
  control: number;
  /** The data as meant (−33H already taken off). */
  data: Buffer;
}

/**
 * Why an answer is refused; each is counted as a corrupt frame `dlt645:<reason>`. On the line, an L
 * too small shows as `end` (16H is not where L puts it), an L too large as `truncated` (the bytes it
 * announces never come), an L above the standard's 200 as `length`.
 */
export const frameRejections = ['checksum', 'end', 'length', 'truncated', 'framing'] as const;
export type FrameRejection = (typeof frameRejections)[number];
export type DecodedFrame = { ok: true; frame: Dlt645Frame } | { ok: false; reason: FrameRejection; detail: string };

export const isAddress = (address: string): boolean => /^[0-9A]{12}$/.test(address);

export function encodeAddress(address: string): Buffer {
  if (!isAddress(address)) throw new Error(`not a DL/T 645 address: ${address} (12 digits, A for a wildcard)`);
  // "123456789012" → A0 = 12H … A5 = 12H: the last pair of digits goes first.
  return Buffer.from(address.match(/../g)!.reverse().join(''), 'hex');
}

export const decodeAddress = (bytes: Buffer): string => Buffer.from(bytes).reverse().toString('hex').toUpperCase();

export const checksum = (bytes: Uint8Array): number => bytes.reduce((sum, b) => (sum + b) & 0xff, 0);

export function encodeFrame(frame: Dlt645Frame, options: { preamble?: boolean } = {}): Buffer {
  const data = Buffer.from(frame.data.map((b) => (b + 0x33) & 0xff));
  const body = Buffer.concat([Buffer.from([START]), encodeAddress(frame.address), Buffer.from([START, frame.control, data.length]), data]);
  const whole = Buffer.concat([body, Buffer.from([checksum(body), END])]);
  return options.preamble === false ? whole : Buffer.concat([wakeUp, whole]);
}

/** Where a frame may start: 68H with its second 68H seven bytes on. */
const frameStart = (bytes: Buffer, from = 0): number => {
  for (let i = bytes.indexOf(START, from); i !== -1; i = bytes.indexOf(START, i + 1)) {
    if (i + 7 >= bytes.length || bytes[i + 7] === START) return i;
  }
  return -1;
};

/**
 * The length of the first frame in `bytes`, counting what comes before it (preamble, line noise), or
 * undefined while it is incomplete. The length byte decides where it ends; `decodeFrame` checks the rest.
 */
export function frameEnd(bytes: Buffer): number | undefined {
  const start = frameStart(bytes);
  if (start === -1 || start + headerLength > bytes.length) return undefined;
  const length = bytes[start + 9]!;
  // An impossible length is not waited for: the header alone is enough to refuse the frame.
  if (length > maxDataLength) return start + headerLength;
  const end = start + overhead + length;
  return end <= bytes.length ? end : undefined;
}

/** Decodes the frame `frameEnd` delimited, after whatever came before its first 68H. */
export function decodeFrame(bytes: Buffer): DecodedFrame {
  const start = frameStart(bytes);
  if (start === -1 || start + headerLength > bytes.length) return refuse('framing', 'no 68H A0…A5 68H header');
  const frame = bytes.subarray(start);
  const length = frame[9]!;
  if (length > maxDataLength) return refuse('length', `L = ${length}: more than the ${maxDataLength} data bytes a frame may carry`);
  if (frame.length < overhead + length) return refuse('length', `L = ${length} but ${frame.length - overhead} data bytes arrived`);
  if (frame.length > overhead + length) return refuse('length', `L = ${length} but the frame carries ${frame.length - overhead}`);
  const sent = frame[headerLength + length]!;
  const computed = checksum(frame.subarray(0, headerLength + length));
  if (frame[headerLength + length + 1] !== END) return refuse('end', `no 16H after L = ${length} data bytes and CS`);
  if (sent !== computed) return refuse('checksum', `CS ${hex(sent)} on the line, ${hex(computed)} computed`);
  const data = Buffer.from(frame.subarray(headerLength, headerLength + length).map((b) => (b - 0x33) & 0xff));
  return { ok: true, frame: { address: decodeAddress(frame.subarray(1, 7)), control: frame[8]!, data } };
}

const refuse = (reason: FrameRejection, detail: string): DecodedFrame => ({ ok: false, reason, detail });
export const hex = (n: number): string => `${n.toString(16).toUpperCase().padStart(2, '0')}H`;
