import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '@hearth/testkit/test-database';
import type { Database } from '../db/database';
import { booksBalance } from './books-balance';
import { migrateLedger } from './migrate-ledger';
import { openAccount } from './open-account';
import { post } from './post';
import type { Posting, PostingRequest } from './posting';
import { systemAccount } from './system-account';

const T = '3e3e3e3e-0000-4000-8000-00000000003e';
const WALLETS = 100;
const POSTINGS = 10_000;
const AT_ONCE = 200;

/** mulberry32: the same postings on every run, so a failure can be run again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Outcome {
  request: PostingRequest;
  posting?: Posting;
  error?: { extensions?: Record<string, unknown>; message: string };
}

let db: Database;
const outcomes: Outcome[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  await migrateLedger(db);
  const { wallets, clearing, revenue } = await db.transaction(async (tx) => ({
    wallets: await Promise.all(
      Array.from({ length: WALLETS }, (_, i) =>
        openAccount(tx, { tenantId: T, type: 'CUSTOMER_WALLET', currency: 'CNY', name: `Wallet ${i}`, creditLimitMinor: i % 2 === 0 ? 0 : 1000 }),
      ),
    ),
    clearing: await systemAccount(tx, T, 'CLEARING', 'CNY'),
    revenue: await systemAccount(tx, T, 'REVENUE', 'CNY'),
  }));
  const next = random(20_260_101);
  const pick = (n: number) => Math.floor(next() * n);
  const requests: PostingRequest[] = [];
  for (let i = 0; i < POSTINGS; i++) {
    // One in twenty is a retry of a recent request, often of the same batch: it races its original.
    if (i > 0 && next() < 0.05) {
      requests.push(requests[Math.max(0, i - 1 - pick(AT_ONCE * 2))]!);
      continue;
    }
    const wallet = wallets[pick(WALLETS)]!.id;
    const topUp = next() < 0.5;
    const amount = 1 + pick(topUp ? 1000 : 1500);
    requests.push({
      tenantId: T,
      idempotencyKey: `p-${i}`,
      kind: topUp ? 'TOP_UP' : 'CHARGE',
      actor: 'service:test',
      lines: topUp
        ? [
            { accountId: wallet, amountMinor: amount },
            { accountId: clearing.id, amountMinor: -amount },
          ]
        : [
            { accountId: wallet, amountMinor: -amount },
            { accountId: revenue.id, amountMinor: amount },
          ],
    });
  }
  const started = performance.now();
  for (let i = 0; i < requests.length; i += AT_ONCE) {
    const batch = requests.slice(i, i + AT_ONCE);
    outcomes.push(
      ...(await Promise.all(
        batch.map((request) =>
          db
            .transaction((tx) => post(tx, request))
            .then(
              (posting): Outcome => ({ request, posting }),
              (error: Outcome['error']): Outcome => ({ request, error }),
            ),
        ),
      )),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const refused = outcomes.filter((o) => o.error).length;
  const replayed = outcomes.filter((o) => o.posting?.replayed).length;
  console.log(
    `ledger: ${requests.length} postings (${refused} refused, ${replayed} replayed), ${AT_ONCE} at a time, in ${seconds.toFixed(1)} s on the ${db.mode} database`,
  );
}, 300_000);
afterAll(() => db?.close());

describe(`${POSTINGS} postings at once, ${AT_ONCE} at a time`, () => {
  it('refused only charges past a credit limit, each INSUFFICIENT_FUNDS, and posted none of them', async () => {
    const refused = outcomes.filter((o) => o.error);
    expect(refused.length).toBeGreaterThan(100);
    for (const { request, error } of refused) {
      expect({ kind: request.kind, code: error?.extensions?.code }).toEqual({ kind: 'CHARGE', code: 'INSUFFICIENT_FUNDS' });
      const { balanceMinor, creditLimitMinor, amountMinor } = error!.extensions as { balanceMinor: number; creditLimitMinor: number; amountMinor: number };
      expect(balanceMinor + amountMinor).toBeLessThan(-creditLimitMinor);
    }
    const posted = new Set(outcomes.filter((o) => o.posting).map((o) => o.request.idempotencyKey));
    const journals = await db.query<{ key: string }>('SELECT idempotency_key AS key FROM ledger.journal WHERE tenant_id = $1', [T]);
    // One journal per key that posted; a key only ever refused left none.
    expect(journals.length).toBe(posted.size);
    expect(new Set(journals.map((j) => j.key))).toEqual(posted);
  });

  it('posted each key once: its retries came back replayed with the same journal and entries', () => {
    const byKey = new Map<string, Outcome[]>();
    for (const o of outcomes.filter((o) => o.posting)) {
      const posts = byKey.get(o.request.idempotencyKey);
      if (posts) posts.push(o);
      else byKey.set(o.request.idempotencyKey, [o]);
    }
    let replays = 0;
    for (const posts of byKey.values()) {
      expect(posts.filter((o) => !o.posting!.replayed)).toHaveLength(1);
      const first = posts.find((o) => !o.posting!.replayed)!.posting!;
      for (const { posting } of posts) expect({ ...posting, replayed: false }).toEqual(first);
      replays += posts.length - 1;
    }
    expect(replays).toBeGreaterThan(100);
  });

  it('kept every balance the sum of its entries, each entry the balance before it plus its amount, and none below its limit', async () => {
    const drifted = await db.query(
      `SELECT a.id, a.balance_minor, e.sum FROM ledger.account AS a
       LEFT JOIN (SELECT account_id, sum(amount_minor) AS sum FROM ledger.entry GROUP BY account_id) AS e ON e.account_id = a.id
       WHERE a.tenant_id = $1 AND a.balance_minor <> coalesce(e.sum, 0)`,
      [T],
    );
    expect(drifted).toEqual([]);
    const [{ broken }] = (await db.query<{ broken: number }>(
      `SELECT count(*)::int AS broken FROM (
         SELECT balance_after_minor - amount_minor - coalesce(lag(balance_after_minor) OVER (PARTITION BY account_id ORDER BY created_at, id), 0) AS gap
         FROM ledger.entry WHERE tenant_id = $1) AS e
       WHERE gap <> 0`,
      [T],
    )) as [{ broken: number }];
    expect(broken).toBe(0);
    const overdrawn = await db.query('SELECT id FROM ledger.account WHERE tenant_id = $1 AND balance_minor < -credit_limit_minor', [T]);
    expect(overdrawn).toEqual([]);
    expect(await booksBalance(db, T)).toEqual({ sumOfEntriesMinor: 0, sumOfBalancesMinor: 0 });
  });
});
