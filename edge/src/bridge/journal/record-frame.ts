import { crc32 } from 'node:zlib';

/**
 * One journal record on disk: length (uint32 BE), CRC-32 of the payload (uint32 BE), payload.
 * The CRC tells a record torn by a power cut (a half-written tail) from a whole one.
 */
export const frameHeaderBytes = 8;

export function encodeFrame(payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(frameHeaderBytes + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  frame.writeUInt32BE(crc32(payload), 4);
  payload.copy(frame, frameHeaderBytes);
  return frame;
}

export interface ScannedFrames {
  /** Byte offset of each whole record, in order. */
  offsets: number[];
  /** Where the whole records end; anything after is a torn or corrupt tail. */
  validBytes: number;
  problem?: string;
}

/** Walks the records from the start of a segment and stops at the first that is incomplete or fails its CRC. */
export function scanFrames(bytes: Buffer): ScannedFrames {
  const offsets: number[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < frameHeaderBytes) return { offsets, validBytes: at, problem: `${bytes.length - at} bytes of a record header at ${at}` };
    const length = bytes.readUInt32BE(at);
    const end = at + frameHeaderBytes + length;
    if (end > bytes.length)
      return { offsets, validBytes: at, problem: `record at ${at} announces ${length} bytes, ${bytes.length - at - frameHeaderBytes} follow` };
    if (crc32(bytes.subarray(at + frameHeaderBytes, end)) !== bytes.readUInt32BE(at + 4))
      return { offsets, validBytes: at, problem: `record at ${at} fails its CRC` };
    offsets.push(at);
    at = end;
  }
  return { offsets, validBytes: at };
}

/** The payloads of the consecutive whole frames in `bytes`. */
export function decodeFrames(bytes: Buffer): Buffer[] {
  const payloads: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    payloads.push(bytes.subarray(at + frameHeaderBytes, at + frameHeaderBytes + length));
    at += frameHeaderBytes + length;
  }
  return payloads;
}
