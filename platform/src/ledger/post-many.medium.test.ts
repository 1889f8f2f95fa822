import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '@hearth/testkit/test-database';
import type { Database } from '../db/database';
import { accountEntries } from './account-entries';
import { booksBalance } from './books-balance';
import { getAccounts } from './get-accounts';
import type { LedgerAccount } from './ledger-account';
import { migrateLedger } from './migrate-ledger';
import { openAccount } from './open-account';
import { post } from './post';
import { postMany } from './post-many';
import type { PostingRequest } from './posting';
import { systemAccount } from './system-account';

const T = '1e1e1e1e-0000-4000-8000-00000000003e';
const OTHER = '2e2e2e2e-0000-4000-8000-00000000004e';
const actor = 'service:test';

let db: Database;
let clearing: LedgerAccount;
let revenue: LedgerAccount;

beforeAll(async () => {
  db = await openTestDatabase();
  await migrateLedger(db);
  clearing = await db.transaction((tx) => systemAccount(tx, T, 'CLEARING', 'CNY'));
  revenue = await db.transaction((tx) => systemAccount(tx, T, 'REVENUE', 'CNY'));
});
afterAll(() => db?.close());

const wallet = (creditLimitMinor = 0, tenantId = T) =>
  db.transaction((tx) =>
    openAccount(tx, { tenantId, type: 'CUSTOMER_WALLET', currency: 'CNY', name: 'Wallet', ownerRef: `customer:${randomUUID()}`, creditLimitMinor }),
  );
const req = (kind: string, lines: [string, number][], idempotencyKey: string = randomUUID()): PostingRequest => ({
  tenantId: T,
  idempotencyKey,
  kind,
  actor,
  lines: lines.map(([accountId, amountMinor]) => ({ accountId, amountMinor })),
});
const topUpReq = (w: LedgerAccount, amount: number, key?: string) =>
  req(
    'TOP_UP',
    [
      [w.id, amount],
      [clearing.id, -amount],
    ],
    key,
  );
const chargeReq = (w: LedgerAccount, amount: number, key?: string) =>
  req(
    'CHARGE',
    [
      [w.id, -amount],
      [revenue.id, amount],
    ],
    key,
  );
const balanceOf = async (id: string) => (await getAccounts(db, T, [id])).get(id)!.balanceMinor;

describe('postMany', () => {
  it('posts each request as post would one after another: balances after in order, the books balanced, three statements', async () => {
    const a = await wallet();
    const b = await wallet();
    await db.transaction((tx) => post(tx, topUpReq(a, 1_000)));
    const requests = [chargeReq(a, 100), topUpReq(b, 500), chargeReq(a, 200), chargeReq(b, 50)];
    const statements: string[] = [];
    const postings = await db.transaction((tx) =>
      postMany(
        {
          query: (sql, params) => {
            statements.push(sql);
            return tx.query(sql, params);
          },
        },
        requests,
      ),
    );
    expect(statements).toHaveLength(3);
    expect(postings.map((p) => p.replayed)).toEqual([false, false, false, false]);
    expect(postings.map((p) => p.lines[0]!.balanceAfterMinor)).toEqual([900, 500, 700, 450]);
    expect(postings[0]!.lines[1]!.accountId).toBe(revenue.id);
    expect(await balanceOf(a.id)).toBe(700);
    expect(await balanceOf(b.id)).toBe(450);
    // The account's entries read newest first in the order their balances were applied.
    const entries = await accountEntries(db, T, a.id, { first: 10 });
    expect(entries.edges.map((e) => e.node.balanceAfterMinor)).toEqual([700, 900, 1_000]);
    const books = await booksBalance(db, T);
    expect(books.sumOfEntriesMinor).toBe(0);
    expect(books.sumOfBalancesMinor).toBe(0);
  });

  it('hands back a key posted before as post does (replayed), and refuses another request under it (IDEMPOTENCY_KEY_REUSED)', async () => {
    const a = await wallet();
    const key = randomUUID();
    const first = await db.transaction((tx) => post(tx, topUpReq(a, 300, key)));
    const [again, other] = await db.transaction((tx) => postMany(tx, [topUpReq(a, 300, key), topUpReq(a, 10)]));
    expect(again).toMatchObject({ replayed: true, journalId: first.journalId });
    expect(again!.lines).toEqual(first.lines);
    expect(other).toMatchObject({ replayed: false });
    expect(other!.lines[0]!.balanceAfterMinor).toBe(310);
    // The whole batch again: every request a replay, nothing moved.
    const keys = [randomUUID(), randomUUID()];
    const once = await db.transaction((tx) => postMany(tx, [chargeReq(a, 10, keys[0]), chargeReq(a, 20, keys[1])]));
    const twice = await db.transaction((tx) => postMany(tx, [chargeReq(a, 10, keys[0]), chargeReq(a, 20, keys[1])]));
    expect(twice.map((p) => p.replayed)).toEqual([true, true]);
    expect(twice.map((p) => p.journalId)).toEqual(once.map((p) => p.journalId));
    expect(await balanceOf(a.id)).toBe(280);
    await expect(db.transaction((tx) => postMany(tx, [chargeReq(a, 1), chargeReq(a, 99, keys[0])]))).rejects.toMatchObject({
      extensions: { code: 'IDEMPOTENCY_KEY_REUSED' },
    });
    // The failed batch rolled back whole: its first request was not posted either.
    expect(await balanceOf(a.id)).toBe(280);
  });

  it('checks the credit limit on the balance the earlier requests of the batch left, and posts nothing when one is refused', async () => {
    const a = await wallet(50);
    await db.transaction((tx) => post(tx, topUpReq(a, 100)));
    const ok = await db.transaction((tx) => postMany(tx, [chargeReq(a, 100), chargeReq(a, 50)]));
    expect(ok.map((p) => p.lines[0]!.balanceAfterMinor)).toEqual([0, -50]);
    await expect(db.transaction((tx) => postMany(tx, [topUpReq(a, 10), chargeReq(a, 10), chargeReq(a, 1)]))).rejects.toMatchObject({
      extensions: { code: 'INSUFFICIENT_FUNDS' },
    });
    expect(await balanceOf(a.id)).toBe(-50);
    // A credit earlier in the batch pays for a debit later in it.
    const paid = await db.transaction((tx) => postMany(tx, [topUpReq(a, 30), chargeReq(a, 30)]));
    expect(paid.map((p) => p.lines[0]!.balanceAfterMinor)).toEqual([-20, -50]);
  });

  it('refuses another tenant’s account (NOT_FOUND), a closed or unknown one, one key twice, and a reversal', async () => {
    const mine = await wallet();
    const theirs = await wallet(0, OTHER);
    await expect(db.transaction((tx) => postMany(tx, [topUpReq(mine, 5), topUpReq(theirs, 5)]))).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    await expect(db.transaction((tx) => postMany(tx, [topUpReq({ ...mine, id: randomUUID() }, 5)]))).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    const key = randomUUID();
    await expect(db.transaction((tx) => postMany(tx, [topUpReq(mine, 5, key), topUpReq(mine, 6, key)]))).rejects.toThrow(/each idempotency key once/);
    await expect(db.transaction((tx) => postMany(tx, [{ ...topUpReq(mine, 5), reverses: randomUUID() }]))).rejects.toThrow(/does not reverse/);
    await expect(postMany(db as never, [topUpReq(mine, 5)])).rejects.toThrow(/in a transaction/);
    expect(await balanceOf(mine.id)).toBe(0);
    expect(await db.transaction((tx) => postMany(tx, []))).toEqual([]);
  });

  it('appends only: a batch adds journals and entries, never changes earlier ones', async () => {
    const a = await wallet();
    const before = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger.entry WHERE account_id = $1`, [a.id]);
    const first = await db.transaction((tx) => post(tx, topUpReq(a, 100)));
    await db.transaction((tx) => postMany(tx, [chargeReq(a, 10), chargeReq(a, 20)]));
    const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger.entry WHERE account_id = $1`, [a.id]);
    expect(rows[0]!.n - before[0]!.n).toBe(3);
    const [kept] = await db.query<{ balance: string }>(
      `SELECT balance_after_minor::text AS balance FROM ledger.entry WHERE journal_id = $1 AND account_id = $2`,
      [first.journalId, a.id],
    );
    expect(kept!.balance).toBe('100');
  });
});
