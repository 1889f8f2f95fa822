import { describe, expect, it } from 'vitest';
import { HearthError } from '../errors/hearth-error';
import { checkPosting } from './check-posting';
import type { PostingRequest } from './posting';

const A = 'AAAAAAAA-0000-4000-8000-00000000000A';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const request = (overrides: Partial<PostingRequest> = {}): PostingRequest => ({
  tenantId: '0a0a0a0a-0000-4000-8000-00000000000a',
  idempotencyKey: 'k-1',
  kind: 'TOP_UP',
  actor: 'user:u-1',
  lines: [
    { accountId: A, amountMinor: 100 },
    { accountId: B, amountMinor: -100 },
  ],
  ...overrides,
});

function thrownBy(fn: () => unknown): Error | undefined {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  return undefined;
}

describe('checking a posting before any SQL', () => {
  it('refuses lines that break double entry as a bug of the caller (a plain Error)', () => {
    const refused: [Partial<PostingRequest>, RegExp][] = [
      [{ lines: [{ accountId: A, amountMinor: 0 }] }, /two lines or more/],
      [
        {
          lines: [
            { accountId: A, amountMinor: 0 },
            { accountId: B, amountMinor: 0 },
          ],
        },
        /non-zero safe integer/,
      ],
      [
        {
          lines: [
            { accountId: A, amountMinor: 1.5 },
            { accountId: B, amountMinor: -1.5 },
          ],
        },
        /non-zero safe integer/,
      ],
      [
        {
          lines: [
            { accountId: A, amountMinor: 2 ** 53 },
            { accountId: B, amountMinor: -(2 ** 53) },
          ],
        },
        /non-zero safe integer/,
      ],
      [
        {
          lines: [
            { accountId: A, amountMinor: 100 },
            { accountId: B, amountMinor: -99 },
          ],
        },
        /sum to zero; they sum to 1/,
      ],
      // Summed as floats these come out 0 (MAX + 2 rounds to 2^53); exactly, they sum to 1.
      [
        {
          lines: [
            { accountId: A, amountMinor: Number.MAX_SAFE_INTEGER },
            { accountId: B, amountMinor: 2 },
            { accountId: 'cccccccc-0000-4000-8000-00000000000c', amountMinor: -Number.MAX_SAFE_INTEGER },
            { accountId: 'dddddddd-0000-4000-8000-00000000000d', amountMinor: -1 },
          ],
        },
        /they sum to 1\./,
      ],
      [
        {
          lines: [
            { accountId: A, amountMinor: 100 },
            { accountId: A.toLowerCase(), amountMinor: -100 },
          ],
        },
        /each account at most once/,
      ],
      [{ kind: 'top-up' }, /kind "top-up"/],
      [{ actor: ' ' }, /needs an actor/],
    ];
    for (const [overrides, message] of refused) {
      const error = thrownBy(() => checkPosting(request(overrides)));
      expect(error?.message).toMatch(message);
      expect(error).not.toBeInstanceOf(HearthError);
    }
  });

  it('refuses an idempotency key of no or too many characters as the caller’s input (BAD_USER_INPUT)', () => {
    for (const idempotencyKey of ['', 'k'.repeat(201)]) {
      expect(() => checkPosting(request({ idempotencyKey }))).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      );
    }
    expect(() => checkPosting(request({ idempotencyKey: 'k'.repeat(200) }))).not.toThrow();
  });

  it('hashes what makes a request the same: kind, lines in any order and spelling, reversed journal; not the words around it', () => {
    const { requestHash, lines } = checkPosting(request());
    expect(lines[0]!.accountId).toBe(A.toLowerCase());
    const same = [
      request({ lines: [...request().lines].reverse(), description: 'other words', actor: 'user:u-2', metadata: { n: 1 } }),
      request({ lines: request().lines.map((l) => ({ ...l, accountId: l.accountId.toUpperCase() })) }),
    ];
    for (const r of same) expect(checkPosting(r).requestHash).toBe(requestHash);
    const other = [
      request({ kind: 'CHARGE' }),
      request({
        lines: [
          { accountId: A, amountMinor: 101 },
          { accountId: B, amountMinor: -101 },
        ],
      }),
      request({ reverses: 'eeeeeeee-0000-4000-8000-00000000000e' }),
    ];
    for (const r of other) expect(checkPosting(r).requestHash).not.toBe(requestHash);
  });
});
