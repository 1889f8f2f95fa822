import type { Readable } from 'node:stream';

/**
 * Aedes buffers a whole MQTT packet before handing it on, whatever its announced length
 * (up to 256 MB, MQTT 3.1.1 §2.2.3). This watches the fixed headers of the bytes Aedes reads
 * and closes the connection as soon as a packet announces more than `maxBytes`, instead of
 * buffering it. MQTT 3.1.1 has no way to tell the client why; it is counted by the caller.
 *
 * It listens to 'data', which a stream in paused mode emits for every chunk `read()` returns,
 * so it sees exactly what Aedes parses without changing the flow.
 */
export function guardPacketSize(stream: Readable, maxBytes: number, onOversize: (announced: number) => void): void {
  let phase: 'header' | 'length' | 'body' = 'header';
  let length = 0;
  let multiplier = 1;
  let remaining = 0;

  const observe = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let i = 0;
    while (i < bytes.length) {
      if (phase === 'header') {
        i++; // control packet type and flags (§2.2.1, §2.2.2)
        phase = 'length';
        length = 0;
        multiplier = 1;
      } else if (phase === 'length') {
        // Remaining Length: 7 bits per byte, least significant first, high bit = more (§2.2.3).
        const byte = bytes[i++]!;
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        if (length > maxBytes) {
          stream.off('data', observe);
          onOversize(length);
          return;
        }
        if (byte & 0x80) {
          // More than 4 length bytes is malformed; Aedes' parser reports it, we stop watching.
          if (multiplier > 128 ** 4) return void stream.off('data', observe);
        } else {
          remaining = length;
          phase = remaining === 0 ? 'header' : 'body';
        }
      } else {
        const take = Math.min(remaining, bytes.length - i);
        i += take;
        remaining -= take;
        if (remaining === 0) phase = 'header';
      }
    }
  };
  stream.on('data', observe);
}
