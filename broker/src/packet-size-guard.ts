import type { Readable } from 'node:stream';
import type { MqttRejectionReason } from '@hearth/platform';

export interface PacketGuardLimits {
  /** Largest packet read at all. */
  maxPacketBytes: number;
  /** Bytes (whole packets, as announced) a connection may send until its CONNECT is accepted. */
  maxBytesBeforeAuth: number;
  /** Whether the connection's CONNECT has been accepted. */
  authenticated(): boolean;
}

export interface PacketRefusal {
  reason: MqttRejectionReason;
  detail: string;
}

/** Called with each packet's type (MQTT 3.1.1 §2.2.1) once its length is known; a refusal ends the connection. */
export type PacketCheck = (packetType: number) => PacketRefusal | undefined;

/** MQTT control packet type 1 (§2.2.1). */
const CONNECT = 1;

/**
 * Aedes buffers a whole MQTT packet before handing it on, whatever its announced length
 * (up to 256 MB, MQTT 3.1.1 §2.2.3), and queues packets that arrive behind a CONNECT while it
 * is being authenticated. This watches the fixed headers of the bytes Aedes reads and refuses,
 * as soon as a header is read and before its body is buffered:
 *  - a packet announcing more than `maxPacketBytes`;
 *  - before authentication, anything beyond `maxBytesBeforeAuth` in all: a CONNECT is small, and
 *    an unauthenticated socket must not be able to hold memory (or the connect timeout) hostage;
 *  - whatever `check` refuses (e.g. SUBSCRIBE packets over their rate).
 * MQTT 3.1.1 has no way to tell the client why; the caller counts and closes.
 *
 * It listens to 'data', which a stream in paused mode emits for every chunk `read()` returns,
 * so it sees exactly what Aedes parses without changing the flow.
 */
export function guardPacketSize(stream: Readable, limits: PacketGuardLimits, onRefused: (refusal: PacketRefusal) => void, check?: PacketCheck): void {
  let phase: 'header' | 'length' | 'body' = 'header';
  let packetType = 0;
  let headerBytes = 0;
  let length = 0;
  let multiplier = 1;
  let remaining = 0;
  let sentBeforeAuth = 0;

  const refusalOf = (): PacketRefusal | undefined => {
    if (length > limits.maxPacketBytes) {
      return { reason: 'MQTT_PAYLOAD_TOO_LARGE', detail: `packet of ${length} bytes exceeds ${limits.maxPacketBytes}; connection closed` };
    }
    if (!limits.authenticated()) {
      sentBeforeAuth += headerBytes + length;
      if (sentBeforeAuth > limits.maxBytesBeforeAuth) {
        const what = packetType === CONNECT ? 'CONNECT' : `packets`;
        return {
          reason: 'MQTT_PRE_AUTH_LIMIT',
          detail: `${sentBeforeAuth} bytes of ${what} before CONNACK exceed ${limits.maxBytesBeforeAuth}; connection closed`,
        };
      }
    }
    return check?.(packetType);
  };

  const observe = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let i = 0;
    while (i < bytes.length) {
      if (phase === 'header') {
        packetType = bytes[i++]! >> 4; // control packet type and flags (§2.2.1, §2.2.2)
        phase = 'length';
        headerBytes = 1;
        length = 0;
        multiplier = 1;
      } else if (phase === 'length') {
        // Remaining Length: 7 bits per byte, least significant first, high bit = more (§2.2.3).
        const byte = bytes[i++]!;
        headerBytes++;
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        if (byte & 0x80) {
          if (length > limits.maxPacketBytes) return refuse(refusalOf()!);
          // More than 4 length bytes is malformed; Aedes' parser reports it, we stop watching.
          if (multiplier > 128 ** 4) return void stream.off('data', observe);
          continue;
        }
        const refusal = refusalOf();
        if (refusal) return refuse(refusal);
        remaining = length;
        phase = remaining === 0 ? 'header' : 'body';
      } else {
        const take = Math.min(remaining, bytes.length - i);
        i += take;
        remaining -= take;
        if (remaining === 0) phase = 'header';
      }
    }
  };
  const refuse = (refusal: PacketRefusal) => {
    stream.off('data', observe);
    onRefused(refusal);
  };
  stream.on('data', observe);
}
