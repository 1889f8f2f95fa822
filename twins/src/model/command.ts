import type { CommandAckStatus } from '@hearth/broker';

/**
 * A command's life: PENDING (waiting for its gateway) → SENT → ACCEPTED → DONE, or REJECTED by the
 * gateway, EXPIRED before the gateway took it on, or CANCELLED by an operator.
 */
export const commandStatuses = ['PENDING', 'SENT', 'ACCEPTED', 'REJECTED', 'DONE', 'EXPIRED', 'CANCELLED'] as const;
export type CommandStatus = (typeof commandStatuses)[number];

/** Not yet taken on by the gateway: these may still be sent, expire or be cancelled. */
export const OPEN_STATUSES: readonly CommandStatus[] = ['PENDING', 'SENT'];

export const ackStatus: Record<CommandAckStatus, CommandStatus> = { accepted: 'ACCEPTED', rejected: 'REJECTED', done: 'DONE' };

/** Acks only move a command forward: a redelivered "accepted" after "done" changes nothing. */
const rank: Record<CommandStatus, number> = { PENDING: 0, SENT: 1, ACCEPTED: 2, REJECTED: 3, DONE: 3, EXPIRED: 4, CANCELLED: 4 };
export const movesForward = (from: CommandStatus, to: CommandStatus): boolean => rank[to] > rank[from];

/** Outcomes that did not carry the command out: what it asked for is withdrawn from desired state. */
export const withdrawsDesired = (status: CommandStatus): boolean => status === 'REJECTED' || status === 'EXPIRED' || status === 'CANCELLED';

/** An open command past its expiry is expired, whether or not the sweep has written so yet. */
export function effectiveStatus(command: { status: CommandStatus; expiresAt: Date }, now = new Date()): CommandStatus {
  return OPEN_STATUSES.includes(command.status) && command.expiresAt <= now ? 'EXPIRED' : command.status;
}
