import { functionCode, controlBits, type Dlt645Frame } from './dlt645-frame';

/**
 * DL/T 645-2007's application layer as the bridge uses it: read data (11H) by a 4-byte data
 * identifier (DI3 DI2 DI1 DI0, sent DI0 first), relay control (1CH), and what comes back.
 */
export const dataId = {
  /** (当前)正向有功总电能: forward active energy, total. XXXXXX.XX kWh, 4 bytes BCD. */
  forwardActiveEnergy: 0x00010000,
  /** (当前)剩余金额: remaining money, on meters that keep it. XXXXXX.XX yuan, 4 bytes BCD. */
  remainingMoney: 0x00900200,
  /** 电表运行状态字3 (操作类): status word 3, 2 bytes; bit 4 the relay (0 通 closed, 1 断 open). */
  statusWord3: 0x04000503,
} as const;

/** Status word 3: bit 4 继电器状态 (relay state), bit 6 继电器命令状态 (the relay command's state). */
export const statusWord3Bits = { relayOpen: 1 << 4, relayCommandOpen: 1 << 6 } as const;

/** 1CH's N1: what the meter is asked to do (跳闸, 合闸允许, 直接合闸, 报警, 报警解除, 保电, 保电解除). */
export const relayOperation = {
  trip: 0x1a,
  allowClose: 0x1b,
  close: 0x1c,
  alarm: 0x2a,
  alarmRelease: 0x2b,
  protect: 0x3a,
  protectRelease: 0x3b,
} as const;

/** The error information word (ERR) of an abnormal reply. */
export const errorBits = { other: 0x01, noData: 0x02, unauthorised: 0x04, baudRate: 0x08, yearZones: 0x10, dayPeriods: 0x20, tariffs: 0x40 } as const;
const errorWords: Record<keyof typeof errorBits, string> = {
  other: 'other error',
  noData: 'no such data',
  unauthorised: 'wrong password or not authorised',
  baudRate: 'baud rate cannot be changed',
  yearZones: 'too many year time zones',
  dayPeriods: 'too many day periods',
  tariffs: 'too many tariffs',
};
export const describeError = (err: number): string =>
  (Object.entries(errorBits) as [keyof typeof errorBits, number][])
    .filter(([, bit]) => err & bit)
    .map(([name]) => errorWords[name])
    .join(', ') || `error word ${err}`;

export const diBytes = (di: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(di);
  return b;
};

/** An unsigned BCD number, least significant byte first; undefined if a nibble is not a digit. */
export function fromBcd(bytes: Buffer): number | undefined {
  let value = 0;
  for (let i = bytes.length - 1; i >= 0; i--) {
    const [high, low] = [bytes[i]! >> 4, bytes[i]! & 0x0f];
    if (high > 9 || low > 9) return undefined;
    value = value * 100 + high * 10 + low;
  }
  return value;
}

export function toBcd(value: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  let rest = Math.round(value);
  for (let i = 0; i < length; i++, rest = Math.floor(rest / 100)) b[i] = (Math.floor((rest % 100) / 10) << 4) | (rest % 10);
  return b;
}

export const readRequest = (address: string, di: number): Dlt645Frame => ({ address, control: functionCode.read, data: diBytes(di) });

export type ReplyProblem =
  { ok: false; reason: 'unexpected-answer' | 'malformed'; detail: string } | { ok: false; reason: 'refused'; err: number; detail: string };

/** The data of a normal reply to a read of `di`, or why there is none (an abnormal reply is the meter's refusal). */
export function readReplyData(frame: Dlt645Frame, di: number): { ok: true; data: Buffer } | ReplyProblem {
  const fn = frame.control & controlBits.function;
  if (!(frame.control & controlBits.reply) || (fn !== functionCode.read && fn !== functionCode.readFollowUp))
    return { ok: false, reason: 'unexpected-answer', detail: `control ${hexByte(frame.control)} does not answer a read` };
  if (frame.control & controlBits.abnormal) return refused(frame);
  if (frame.data.length < 4 || frame.data.readUInt32LE(0) !== di)
    return { ok: false, reason: 'unexpected-answer', detail: `the answer is not for ${hexDi(di)}` };
  return { ok: true, data: frame.data.subarray(4) };
}

/** A 4-byte XXXXXX.XX value (energy, money) in hundredths. */
export function hundredths(data: Buffer): { ok: true; value: number } | ReplyProblem {
  const value = data.length === 4 ? fromBcd(data) : undefined;
  if (value === undefined) return { ok: false, reason: 'malformed', detail: `XXXXXX.XX expected, got ${data.toString('hex')}` };
  return { ok: true, value };
}

export type RelayState = 'OPEN' | 'CLOSED';

/** The relay as status word 3 reports it (2 bytes, low byte first; bit 4: 0 通 closed, 1 断 open). */
export function relayOfStatusWord3(data: Buffer): { ok: true; relay: RelayState } | ReplyProblem {
  if (data.length !== 2) return { ok: false, reason: 'malformed', detail: `status word 3 is 2 bytes, got ${data.length}` };
  return { ok: true, relay: data.readUInt16LE(0) & statusWord3Bits.relayOpen ? 'OPEN' : 'CLOSED' };
}

export interface RelayControl {
  /** PA: the password's level (权限), 0…9. */
  passwordLevel: number;
  /** P2 P1 P0 as written (6 hex digits, P2 first); sent P0 first. */
  password: string;
  /** C3…C0 as written (8 hex digits); sent C0 first. The meter records who operated it. */
  operator: string;
  operation: number;
  /** N3…N8: the meter refuses the command after this time on its own clock. */
  validUntil: { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** 1CH data: PA P0 P1 P2, C0 C1 C2 C3, N1 operation, N2 reserved, N3…N8 = ss mm hh DD MM YY. */
export function relayControlRequest(address: string, c: RelayControl): Dlt645Frame {
  const v = c.validUntil;
  const deadline = [v.second, v.minute, v.hour, v.day, v.month, v.year % 100].map((n) => toBcd(n, 1)[0]!);
  const data = Buffer.concat([
    Buffer.from([c.passwordLevel]),
    Buffer.from(c.password, 'hex').reverse(),
    Buffer.from(c.operator, 'hex').reverse(),
    Buffer.from([c.operation, 0x00, ...deadline]),
  ]);
  return { address, control: functionCode.relayControl, data };
}

/** The meter's answer to 1CH: 9CH without data, or DCH with ERR. */
export function relayControlReply(frame: Dlt645Frame): { ok: true } | ReplyProblem {
  if ((frame.control & ~controlBits.abnormal) !== (controlBits.reply | functionCode.relayControl))
    return { ok: false, reason: 'unexpected-answer', detail: `control ${hexByte(frame.control)} does not answer a relay control` };
  return frame.control & controlBits.abnormal ? refused(frame) : { ok: true };
}

function refused(frame: Dlt645Frame): ReplyProblem {
  const err = frame.data[0] ?? 0;
  return { ok: false, reason: 'refused', err, detail: `the meter refused: ${describeError(err)}` };
}

const hexByte = (n: number) => `${n.toString(16).toUpperCase().padStart(2, '0')}H`;
export const hexDi = (di: number): string => di.toString(16).toUpperCase().padStart(8, '0');
