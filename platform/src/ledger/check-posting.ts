import { createHash } from 'node:crypto';
import { badInput } from '../errors/hearth-error';
import type { PostingLineRequest, PostingRequest } from './posting';

const KIND = /^[A-Z_]{2,40}$/;
const MAX_KEY_LENGTH = 200;

/** A request `post` may try: account ids in PostgreSQL's spelling (lower case), and its hash. */
export interface CheckedPosting {
  lines: PostingLineRequest[];
  requestHash: string;
}

/**
 * Checks what the posting service composed (the lines, the kind) and what its caller sent (the
 * key). Lines that do not balance are a bug in the service, not the customer's input: a plain Error.
 */
export function checkPosting(request: PostingRequest): CheckedPosting {
  const { idempotencyKey: key } = request;
  if (key.length < 1 || key.length > MAX_KEY_LENGTH) throw badInput([{ field: 'idempotencyKey', message: `must be 1 to ${MAX_KEY_LENGTH} characters long` }]);
  if (!KIND.test(request.kind)) throw new Error(`Ledger: kind ${JSON.stringify(request.kind)} is not ${KIND.source}.`);
  if (request.actor.trim() === '') throw new Error('Ledger: a posting needs an actor.');
  if (request.lines.length < 2) throw new Error(`Ledger: a posting needs two lines or more; got ${request.lines.length}.`);
  const lines = request.lines.map((line) => ({ accountId: line.accountId.toLowerCase(), amountMinor: line.amountMinor }));
  for (const { accountId, amountMinor } of lines) {
    if (!Number.isSafeInteger(amountMinor) || amountMinor === 0) {
      throw new Error(`Ledger: the amount of account ${accountId} must be a non-zero safe integer of minor units; got ${amountMinor}.`);
    }
  }
  // Each account once: its line's balance after is then the account's new balance.
  if (new Set(lines.map((line) => line.accountId)).size !== lines.length) throw new Error('Ledger: a posting names each account at most once.');
  // Summed as BigInt: past 2^53 a sum of safe integers is rounded and could come out zero.
  const sum = lines.reduce((total, line) => total + BigInt(line.amountMinor), 0n);
  if (sum !== 0n) throw new Error(`Ledger: the lines of a posting must sum to zero; they sum to ${sum}.`);
  return { lines, requestHash: requestHash(request.kind, lines, request.reverses ?? null) };
}

/**
 * What tells a retry from another request under the same key: kind, lines (in any order) and the
 * reversed journal. The description, actor and metadata may differ between retries.
 */
export function requestHash(kind: string, lines: readonly PostingLineRequest[], reverses: string | null): string {
  const canonical = lines.map((line) => [line.accountId, line.amountMinor] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify({ kind, lines: canonical, reverses: reverses?.toLowerCase() ?? null }))
    .digest('hex');
}
