import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '@hearth/testkit/test-database';
import type { Database } from '../db/database';
import { accountEntries } from './account-entries';
import { accountStatement } from './account-statement';
import { booksBalance } from './books-balance';
import { getAccounts } from './get-accounts';
import type { LedgerAccount } from './ledger-account';
import { migrateLedger } from './migrate-ledger';
import { openAccount } from './open-account';
import { post } from './post';
import type { PostingRequest } from './posting';
import { reverse } from './reverse';
import { setCreditLimit } from './set-credit-limit';
import { systemAccount } from './system-account';

const T = '1e1e1e1e-0000-4000-8000-00000000001e';
const OTHER = '2e2e2e2e-0000-4000-8000-00000000002e';
const actor = 'user:u-1';

let db: Database;
let clearing: LedgerAccount;
let revenue: LedgerAccount;

beforeAll(async () => {
  db = await openTestDatabase();
  expect(await migrateLedger(db)).toEqual(['0001-ledger']);
  // Run again, as the next service to start does: nothing left to apply.
  expect(await migrateLedger(db)).toEqual([]);
  clearing = await db.transaction((tx) => systemAccount(tx, T, 'CLEARING', 'CNY'));
  revenue = await db.transaction((tx) => systemAccount(tx, T, 'REVENUE', 'CNY'));
});
afterAll(() => db?.close());

const wallet = (creditLimitMinor = 0, tenantId = T) =>
  db.transaction((tx) =>
    openAccount(tx, { tenantId, type: 'CUSTOMER_WALLET', currency: 'CNY', name: 'Wallet', ownerRef: `customer:${randomUUID()}`, creditLimitMinor }),
  );
const posting = (kind: string, lines: [string, number][], idempotencyKey: string = randomUUID()): PostingRequest => ({
  tenantId: T,
  idempotencyKey,
  kind,
  actor,
  lines: lines.map(([accountId, amountMinor]) => ({ accountId, amountMinor })),
});
const postIt = (request: PostingRequest) => db.transaction((tx) => post(tx, request));
const topUp = (account: LedgerAccount, amount: number, key?: string) =>
  postIt(
    posting(
      'TOP_UP',
      [
        [account.id, amount],
        [clearing.id, -amount],
      ],
      key,
    ),
  );
const charge = (account: LedgerAccount, amount: number, key?: string) =>
  postIt(
    posting(
      'CHARGE',
      [
        [account.id, -amount],
        [revenue.id, amount],
      ],
      key,
    ),
  );
/** What a failed call threw: its code, or the message of a plain Error. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (err: { extensions?: { code?: string }; message: string }) => err.extensions?.code ?? err.message,
  );
const balanceOf = async (account: LedgerAccount) => (await getAccounts(db, T, [account.id])).get(account.id)!.balanceMinor;
/** Everything a rejected posting must leave as it was. */
const books = async (...accounts: LedgerAccount[]) => ({
  balances: await Promise.all(accounts.map(balanceOf)),
  rows: await db.query('SELECT (SELECT count(*) FROM ledger.journal) AS journals, (SELECT count(*) FROM ledger.entry) AS entries'),
});

describe('posting to the ledger', () => {
  it('moves both balances of a top-up and a charge, each line with the balance it left', async () => {
    const w = await wallet();
    const before = await balanceOf(clearing);
    const topped = await topUp(w, 5000);
    expect(topped).toMatchObject({ kind: 'TOP_UP', replayed: false });
    expect(topped.lines).toMatchObject([
      { accountId: w.id, amountMinor: 5000, balanceAfterMinor: 5000 },
      { accountId: clearing.id, amountMinor: -5000, balanceAfterMinor: before - 5000 },
    ]);
    const charged = await charge(w, 1200);
    expect(charged.lines[0]).toMatchObject({ accountId: w.id, amountMinor: -1200, balanceAfterMinor: 3800 });
    expect(await balanceOf(w)).toBe(3800);
  });

  it('refuses a charge beyond the credit limit (INSUFFICIENT_FUNDS) and posts nothing of it', async () => {
    const w = await wallet();
    await topUp(w, 1000);
    const before = await books(w, revenue);
    const refused = await charge(w, 1001, 'too-much').catch((err: unknown) => err);
    expect(refused).toMatchObject({
      extensions: { code: 'INSUFFICIENT_FUNDS', accountId: w.id, balanceMinor: 1000, creditLimitMinor: 0, amountMinor: -1001 },
    });
    expect(await books(w, revenue)).toEqual(before);
    // Not even the key was kept: once the money is there, the same request posts.
    await topUp(w, 1);
    expect((await charge(w, 1001, 'too-much')).lines[0]!.balanceAfterMinor).toBe(0);
  });

  it('lets a wallet with a credit limit of 500 go to -500 but not to -501; credits always land', async () => {
    const w = await wallet(500);
    expect((await charge(w, 500)).lines[0]!.balanceAfterMinor).toBe(-500);
    expect(await failure(charge(w, 1))).toBe('INSUFFICIENT_FUNDS');
    // Lowering the limit below the debt refuses charges, never the money that pays it back.
    await db.transaction((tx) => setCreditLimit(tx, T, w.id, 0));
    expect(await failure(charge(w, 1))).toBe('INSUFFICIENT_FUNDS');
    expect((await topUp(w, 100)).lines[0]!.balanceAfterMinor).toBe(-400);
  });

  it('answers a retry under the same key with the first posting (replayed) and posts nothing again', async () => {
    const w = await wallet();
    const first = await topUp(w, 700, 'order-1');
    const before = await books(w, clearing);
    const again = await topUp(w, 700, 'order-1');
    expect(again).toEqual({ ...first, replayed: true });
    expect(await books(w, clearing)).toEqual(before);
  });

  it('refuses the same key for another request (IDEMPOTENCY_KEY_REUSED): the first stands', async () => {
    const w = await wallet();
    await topUp(w, 700, 'order-2');
    const before = await books(w, clearing);
    const reused = await topUp(w, 800, 'order-2').catch((err: unknown) => err);
    expect(reused).toMatchObject({ extensions: { code: 'IDEMPOTENCY_KEY_REUSED', idempotencyKey: 'order-2' } });
    expect(await failure(charge(w, 700, 'order-2'))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await books(w, clearing)).toEqual(before);
  });

  it('keeps journals and entries append-only: UPDATE, DELETE and TRUNCATE fail', async () => {
    const w = await wallet();
    const { journalId } = await topUp(w, 100);
    for (const table of ['journal', 'entry']) {
      const column = table === 'journal' ? 'description' : 'amount_minor';
      const value = table === 'journal' ? `'changed'` : '1';
      await expect(db.query(`UPDATE ledger.${table} SET ${column} = ${value} WHERE tenant_id = $1`, [T])).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM ledger.${table} WHERE tenant_id = $1`, [T])).rejects.toThrow(/append-only/);
      await expect(db.query(`TRUNCATE ledger.${table} CASCADE`)).rejects.toThrow(/append-only/);
    }
    expect(await db.query('SELECT count(*)::int AS n FROM ledger.entry WHERE journal_id = $1', [journalId])).toEqual([{ n: 2 }]);
  });

  it('reverses a posting with its lines negated, once (CONFLICT after), and not past a credit limit', async () => {
    const w = await wallet();
    await topUp(w, 1000);
    const charged = await charge(w, 300);
    const reversal = { tenantId: T, journalId: charged.journalId, idempotencyKey: 'undo-1', actor, reason: 'charged twice' };
    const undone = await db.transaction((tx) => reverse(tx, reversal));
    expect(undone).toMatchObject({ kind: 'REVERSAL', replayed: false });
    expect(undone.lines.find((l) => l.accountId === w.id)).toMatchObject({ amountMinor: 300, balanceAfterMinor: 1000 });
    expect(undone.lines.find((l) => l.accountId === revenue.id)).toMatchObject({ amountMinor: -300 });
    const [journal] = await db.query('SELECT reverses, description FROM ledger.journal WHERE id = $1', [undone.journalId]);
    expect(journal).toEqual({ reverses: charged.journalId, description: 'charged twice' });
    // The same reversal again comes back as posted; another one is refused.
    expect(await db.transaction((tx) => reverse(tx, reversal))).toEqual({ ...undone, replayed: true });
    expect(await failure(db.transaction((tx) => reverse(tx, { ...reversal, idempotencyKey: 'undo-2' })))).toBe('CONFLICT');
    expect(await balanceOf(w)).toBe(1000);
    // Undoing the top-up would take back money the wallet has spent.
    await charge(w, 600);
    const topped = await topUp(w, 100);
    await charge(w, 500);
    const undoTopUp = { ...reversal, journalId: topped.journalId, idempotencyKey: 'undo-3' };
    expect(await failure(db.transaction((tx) => reverse(tx, undoTopUp)))).toBe('INSUFFICIENT_FUNDS');
    expect(await balanceOf(w)).toBe(0);
  });

  it("keeps tenants apart: another tenant's account or journal is NOT_FOUND", async () => {
    const theirs = await wallet(0, OTHER);
    const mine = await wallet();
    expect(await failure(topUp(theirs, 100))).toBe('NOT_FOUND');
    expect(
      await failure(
        postIt(
          posting('TOP_UP', [
            [mine.id, 100],
            ['not-a-uuid', -100],
          ]),
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(await getAccounts(db, T, [theirs.id, mine.id, 'not-a-uuid'])).toEqual(new Map([[mine.id, mine]]));
    expect(await failure(accountEntries(db, T, theirs.id, { first: 10 }))).toBe('NOT_FOUND');
    expect(await failure(accountStatement(db, T, theirs.id, { from: new Date(0), to: new Date() }))).toBe('NOT_FOUND');
    const { journalId } = await topUp(mine, 100);
    const reversal = { tenantId: OTHER, journalId, idempotencyKey: 'undo-theirs', actor, reason: 'not mine' };
    expect(await failure(db.transaction((tx) => reverse(tx, reversal)))).toBe('NOT_FOUND');
    expect(await balanceOf(mine)).toBe(100);
  });

  it('refuses a closed account and a posting across currencies (BAD_USER_INPUT)', async () => {
    const w = await wallet();
    const usd = await db.transaction((tx) => openAccount(tx, { tenantId: T, type: 'CASH', currency: 'USD', name: 'Till', creditLimitMinor: null }));
    expect(
      await failure(
        postIt(
          posting('TRANSFER', [
            [w.id, 100],
            [usd.id, -100],
          ]),
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    await db.query('UPDATE ledger.account SET closed_at = now() WHERE id = $1', [w.id]);
    expect(await failure(topUp(w, 100))).toBe('BAD_USER_INPUT');
  });

  it('refuses to post outside a transaction, where its locks and its rollback would mean nothing', async () => {
    const w = await wallet();
    await expect(
      post(
        db,
        posting('TOP_UP', [
          [w.id, 1],
          [clearing.id, -1],
        ]),
      ),
    ).rejects.toThrow(/post in a transaction/);
    expect(await balanceOf(w)).toBe(0);
  });

  it('finds or opens a system account once, however many ask at the same time', async () => {
    const tenantId = randomUUID();
    const found = await Promise.all(Array.from({ length: 8 }, () => db.transaction((tx) => systemAccount(tx, tenantId, 'REFUNDS', 'CNY', 'WECHAT'))));
    expect(new Set(found.map((a) => a.id)).size).toBe(1);
    expect(found[0]).toMatchObject({ type: 'REFUNDS', code: 'WECHAT', creditLimitMinor: null, balanceMinor: 0 });
  });

  it('pages an account’s entries newest first, continuing after a cursor', async () => {
    const w = await wallet();
    for (const amount of [1, 2, 3, 4, 5]) await topUp(w, amount);
    const first = await accountEntries(db, T, w.id, { first: 3 });
    expect(first.edges.map((e) => e.node.amountMinor)).toEqual([5, 4, 3]);
    expect(first.edges[0]!.node).toMatchObject({ kind: 'TOP_UP', balanceAfterMinor: 15, description: null });
    expect(first).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const second = await accountEntries(db, T, w.id, { first: 3, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.amountMinor)).toEqual([2, 1]);
    expect(second).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    const forged = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000000Z', '1 OR 1=1'])).toString('base64url');
    expect(await failure(accountEntries(db, T, w.id, { first: 3, after: forged }))).toBe('INVALID_CURSOR');
  });

  it('states an account over a period: opening, credits, debits and closing', async () => {
    const w = await wallet();
    const dbNow = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return (await db.query<{ now: Date }>('SELECT clock_timestamp() AS now'))[0]!.now;
    };
    await topUp(w, 1000);
    const from = await dbNow();
    await topUp(w, 300);
    await charge(w, 200);
    await charge(w, 50);
    const to = await dbNow();
    await topUp(w, 7);
    expect(await accountStatement(db, T, w.id, { from, to })).toEqual({
      openingMinor: 1000,
      creditsMinor: 300,
      debitsMinor: 250,
      closingMinor: 1050,
      entries: 3,
    });
    expect(await accountStatement(db, T, w.id, { from: new Date(0), to: from })).toMatchObject({ openingMinor: 0, closingMinor: 1000, entries: 1 });
  });

  it('balances the books: entries and balances each sum to zero', async () => {
    expect(await booksBalance(db, T)).toEqual({ sumOfEntriesMinor: 0, sumOfBalancesMinor: 0 });
  });
});
