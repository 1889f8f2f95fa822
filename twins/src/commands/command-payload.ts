import type { CommandRecord } from '../store/command-store';

/**
 * What goes down on `hearth/v1/{gatewayId}/{kind}/{deviceId}/command`: the command id (to answer
 * with and to act on once, since a command may arrive more than once), the desired values, and
 * when it expires (a gateway should not act on it after that). A kind may add fields of its own
 * (`TwinKind.commandFields`: a valve's `action`); they never replace these.
 */
export const commandPayload = (c: CommandRecord, fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...fields,
  id: c.id,
  desired: c.desired,
  issuedAt: c.createdAt.toISOString(),
  expiresAt: c.expiresAt.toISOString(),
});
