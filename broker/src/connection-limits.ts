import { defaultAdmissionLimits, type AdmissionLimits } from './connection-admission';
import { defaultReadAheadLimits, type ReadAheadLimits } from './puback-queue';
import type { Rate } from '@hearth/platform';

/** Limits on what one connection, or one source address, may cost the broker. */
export interface ConnectionLimits extends AdmissionLimits, ReadAheadLimits {
  /** Bytes a connection may send until its CONNECT is accepted (whole packets, as announced). */
  maxBytesBeforeAuth: number;
  /** How long a new connection has to send its CONNECT. */
  connectTimeoutMs: number;
  /** Subscriptions one connection may hold; more get SUBACK 0x80. */
  maxSubscriptionsPerConnection: number;
  /** SUBSCRIBE packets per connection; beyond them the connection is closed. */
  subscribesPerConnection: Rate;
}

export const defaultConnectionLimits: ConnectionLimits = {
  ...defaultAdmissionLimits,
  ...defaultReadAheadLimits,
  // A CONNECT carries a client id, a gateway id, a secret and a small Last Will: well under 1 KiB.
  // The rest leaves room for a few small packets sent right behind it, as MQTT allows (§3.1.4).
  maxBytesBeforeAuth: 8 * 1024,
  connectTimeoutMs: 10_000,
  maxSubscriptionsPerConnection: 256,
  subscribesPerConnection: { burst: 100, perMs: 60_000 },
};
