import { checksumOf, checksumTag, ETX, hexToFloat, SOH, trailerLength } from './tls-frame';

/** One tank of an i201 answer, in the console's own units. */
export interface TankInventory {
  tank: number;
  productCode: string;
  /** Tank status bits (ssss), see `invalidHeightAlarm`. */
  status: number;
  volume: number;
  tcVolume: number;
  ullage: number;
  height: number;
  water: number;
  temperature: number;
  /** Field 7; older software sends six fields. */
  waterVolume?: number;
}

export interface InventoryReport {
  /** YYMMDDHHmm as the console printed it: its local time, no zone, to the minute. */
  consoleTime: string;
  tanks: TankInventory[];
}

/** Why a frame was refused; each is counted separately. */
export type FrameRejection = 'framing' | 'truncated' | 'checksum' | 'echo-mismatch' | 'malformed' | 'field-count' | 'console-error';
export type ParseResult = { ok: true; report: InventoryReport } | { ok: false; reason: FrameRejection; detail: string };

/** Height, water and temperature are fields 4-6: fewer fields cannot give a reading. */
const minFields = 6;
const recordHeader = 9; // TT p ssss NN

/**
 * Parses the computer-format answer to `i201TT` (Serial Interface Manual 576013-635, function 201):
 *   <SOH>i201TT YYMMDDHHmm { TT p ssss NN FFFFFFFF×NN }… &&CCCC<ETX>
 * The frame is checked before its contents are trusted: framing, checksum, command echo, then each record.
 */
export function parseInventoryReport(frame: string, tankAsked: number): ParseResult {
  const fail = (reason: FrameRejection, detail: string): ParseResult => ({ ok: false, reason, detail });
  if (!frame.startsWith(SOH)) return fail('framing', `frame starts with 0x${hexByte(frame)} instead of SOH`);
  if (!frame.endsWith(ETX)) return fail('truncated', `no ETX after ${frame.length} characters: the answer was cut off`);
  // A console that does not know the command answers 9999FF1B (no checksum).
  if (frame.slice(1, -1) === '9999FF1B') return fail('console-error', 'the console does not recognise the command (9999FF1B)');
  const tagAt = frame.length - trailerLength;
  if (tagAt < 1 || frame.slice(tagAt, tagAt + 2) !== checksumTag) return fail('truncated', 'no "&&" checksum trailer before ETX');

  const sent = frame.slice(tagAt + 2, tagAt + 6);
  if (!/^[0-9A-Fa-f]{4}$/.test(sent)) return fail('malformed', `checksum "${sent}" is not four hex digits`);
  const expected = checksumOf(frame.slice(0, tagAt + 2));
  if (parseInt(sent, 16) !== expected) {
    return fail('checksum', `checksum ${sent.toUpperCase()} does not match the characters (expected ${expected.toString(16).toUpperCase().padStart(4, '0')})`);
  }

  const body = frame.slice(1, tagAt);
  const echo = `i201${String(tankAsked).padStart(2, '0')}`;
  if (!body.startsWith(echo)) return fail('echo-mismatch', `answer to "${body.slice(0, 6)}", not to "${echo}"`);
  const consoleTime = body.slice(6, 16);
  if (!/^\d{10}$/.test(consoleTime)) return fail('malformed', `date "${consoleTime}" is not YYMMDDHHmm`);

  const tanks: TankInventory[] = [];
  for (let at = 16; at < body.length;) {
    const left = body.length - at;
    const where = tanks.length === 0 ? 'after the date' : `after tank ${tanks.at(-1)!.tank}`;
    if (left < recordHeader) return fail('field-count', `${left} characters ${where} are not a tank record`);
    const header = body.slice(at, at + recordHeader);
    if (!/^\d{2}.[0-9A-Fa-f]{6}$/.test(header)) return fail('malformed', `tank record header "${header}" is not TT p ssss NN`);
    const tank = Number(header.slice(0, 2));
    const count = parseInt(header.slice(7, 9), 16);
    // A wrong count in one record shifts the next one, so say where this record sits.
    const context = tanks.length === 0 ? '' : ` (the record ${where}: a field count before it may be wrong)`;
    if (count < minFields) return fail('field-count', `tank ${tank} has ${count} fields; height, water and temperature need ${minFields}${context}`);
    const fields = body.slice(at + recordHeader, at + recordHeader + count * 8);
    if (fields.length < count * 8) return fail('field-count', `tank ${tank} declares ${count} fields but ${Math.floor(fields.length / 8)} follow`);
    if (!/^[0-9A-Fa-f]*$/.test(fields)) return fail('malformed', `tank ${tank} has a field that is not ASCII hex`);
    const value = (i: number) => hexToFloat(fields.slice(i * 8, i * 8 + 8));
    tanks.push({
      tank,
      productCode: header[2]!,
      status: parseInt(header.slice(3, 7), 16),
      volume: value(0),
      tcVolume: value(1),
      ullage: value(2),
      height: value(3),
      water: value(4),
      temperature: value(5),
      ...(count > 6 ? { waterVolume: value(6) } : {}),
    });
    at += recordHeader + count * 8;
  }
  return { ok: true, report: { consoleTime, tanks } };
}

/** Status bit 3, "invalid fuel height alarm" (Mag probes; 576013-635 function 201 note, verify per console): the height is not to be trusted. */
export const invalidHeightAlarm = (status: number): boolean => (status & 0x0004) !== 0;

const hexByte = (s: string) => (s.charCodeAt(0) || 0).toString(16).padStart(2, '0');
