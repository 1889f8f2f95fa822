import { effectiveStatus, type CommandStatus } from '../../../model/command';

/** How far a price change has reached the pumps it applies to. */
export interface PriceRollout {
  pumps: number;
  /** The pump acknowledged the command carrying it as done. */
  confirmed: number;
  /** Not yet due, not yet sent, or sent and not yet done: it may still get there. */
  pending: number;
  /** It will not get there this way: the pump is bound to no gateway, or its command was rejected, expired or cancelled (the next change corrects it). */
  failed: number;
}

export type PumpRolloutState = 'confirmed' | 'pending' | 'failed';

/** One pump's send of a price change: how far it went and, once sent, its command. */
export interface PumpSend {
  outcome: 'DUE' | 'SENDING' | 'SENT' | 'NOT_BOUND' | null;
  status: string | null;
  expiresAt: Date | null;
}

/** Where one pump stands with a price change (pure). An open command past its expiry has failed, whether or not the sweep has marked it yet. */
export function pumpRolloutState(send: PumpSend, now: Date): PumpRolloutState {
  if (send.outcome === 'NOT_BOUND') return 'failed';
  if (send.outcome !== 'SENT' || send.status === null || send.expiresAt === null) return 'pending';
  switch (effectiveStatus({ status: send.status as CommandStatus, expiresAt: send.expiresAt }, now)) {
    case 'DONE':
      return 'confirmed';
    case 'REJECTED':
    case 'EXPIRED':
    case 'CANCELLED':
      return 'failed';
    case 'PENDING':
    case 'SENT':
    case 'ACCEPTED':
      return 'pending';
  }
}

/** The counts over a price change's pumps (pure). */
export function rolloutOf(sends: readonly PumpSend[], now: Date): PriceRollout {
  const counts: PriceRollout = { pumps: sends.length, confirmed: 0, pending: 0, failed: 0 };
  for (const send of sends) counts[pumpRolloutState(send, now)] += 1;
  return counts;
}
