import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEARCH_COUNT_CAP, startCustomersService } from '@hearth/customers';
import { CONTEXT_HEADER, ContextSigner, ContextVerifier, createLogger, DEMO_TENANT_ID, generateContextKeys } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { booksBalance, post, systemAccount } from '@hearth/platform/ledger';
import { PiiProtector } from '@hearth/platform/pii';
import { EMBEDDED, freshDatabase, type DatabaseTarget } from './bench-database';
import { benchCardNumber, benchName, benchPhone, seedCustomers } from './customer-fixtures';
import { fmt, progress, ratio, type BenchResult, type TableRow } from './report';
import { check, latencySummary, round } from './stats';

export interface CustomersOptions {
  customers: number;
  /** Timed runs of each search (after two untimed). */
  runs: number;
  /** Concurrent clients posting to the ledger, and for how long. */
  clients: number;
  postingSeconds: number;
}

const SEARCH = `query($s: String) { customers(filter: { search: $s }, first: 20) { totalCount edges { node { id cardNumber name phones } } } }`;
const TOP_UP = `mutation($i: TopUpAccountInput!) { topUpAccount(input: $i) { balanceAfterMinor } }`;
const CHARGE = `mutation($i: ChargeAccountInput!) { chargeAccount(input: $i) { balanceAfterMinor } }`;

/**
 * The customer service desk at a city company's size: search among `customers` customers through
 * the customers subgraph (HTTP, signed context, as the gateway calls it) by a common surname, a
 * full name, 4 phone digits, a whole phone and a card number, each against the floor of the same
 * SQL run directly in the database; then top-ups and charges from `clients` concurrent callers
 * through the API against the same postings made directly with the ledger library.
 */
export async function customersBench(o: CustomersOptions, database: DatabaseTarget = EMBEDDED): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-customers-'));
  const fresh = await freshDatabase(database, dir);
  const db = await fresh.open();
  const keys = generateContextKeys();
  const pii = new PiiProtector({ keys: { b1: randomBytes(32) }, current: 'b1' });
  const service = await startCustomersService({
    db,
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('bench-customers', 'silent'),
    contextVerifier: new ContextVerifier(keys.publicKeyPem),
    pii,
  });
  try {
    const signer = new ContextSigner(keys.privateKeyPem);
    // Signed per request, as the gateway does: a signed context lives for seconds.
    const headers = async () => ({
      'content-type': 'application/json',
      [CONTEXT_HEADER]: await signer.sign({
        tenantId: DEMO_TENANT_ID,
        requestId: 'bench',
        principal: { kind: 'apiKey', id: 'bench' },
        scopes: ['customers:read', 'customers:write'],
      }),
    });
    const call = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(service.graphqlUrl, { method: 'POST', headers: await headers(), body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
      check(!body.errors, `GraphQL: ${JSON.stringify(body.errors)}`);
      return body.data!;
    };
    let t = performance.now();
    const accounts = await seedCustomers(db, pii, DEMO_TENANT_ID, o.customers, (done) => {
      if (done % 100_000 === 0) progress(`customers: ${done.toLocaleString('en-US')} seeded`);
    });
    await db.exec('ANALYZE customers.customer');
    const seedSeconds = (performance.now() - t) / 1000;

    const probe = Math.floor(o.customers / 3);
    const cases = [
      { name: 'common surname (黄)', search: '黄', expect: (n: number) => n >= Math.min(SEARCH_COUNT_CAP, o.customers / 30) },
      { name: 'full name', search: benchName(probe), expect: (n: number) => n >= 1 },
      { name: '4 phone digits', search: benchPhone(probe).slice(-4), expect: (n: number) => n >= 1 },
      { name: 'whole phone', search: benchPhone(probe), expect: (n: number) => n === 1 },
      { name: 'card number', search: benchCardNumber(probe), expect: (n: number) => n === 1 },
    ];
    const searches = [];
    for (const c of cases) {
      const api: number[] = [];
      const floor: number[] = [];
      let total = 0;
      for (let r = 0; r < o.runs + 2; r++) {
        t = performance.now();
        const data = (await call(SEARCH, { s: c.search })) as { customers: { totalCount: number } };
        if (r >= 2) api.push(performance.now() - t);
        total = data.customers.totalCount;
        t = performance.now();
        await floorSearch(db, pii, c.search);
        if (r >= 2) floor.push(performance.now() - t);
      }
      check(c.expect(total), `${c.name} "${c.search}" found ${total}`);
      searches.push({ name: c.name, search: c.search, found: total, api: latencySummary(api), floor: latencySummary(floor) });
    }

    progress(`customers: ${o.clients} clients posting for ${o.postingSeconds} s through the API, then directly`);
    const wallets = accounts.slice(0, o.clients * 10);
    // Each client tops a wallet up, then charges it back: never below zero, ten wallets a client.
    const walletOf = (client: number, n: number) => wallets[(client * 10 + (Math.floor(n / 2) % 10)) % wallets.length]!;
    const viaApi = await postFor(o, async (client, n) => {
      const accountId = walletOf(client, n);
      const input = { accountId, amountMinor: 100, idempotencyKey: randomUUID() };
      await call(n % 2 === 0 ? TOP_UP : CHARGE, { i: n % 2 === 0 ? { ...input, method: 'PARTNER' } : { ...input, reason: 'bench' } });
    });
    const [clearing, revenue] = await db.transaction(async (tx) => [
      await systemAccount(tx, DEMO_TENANT_ID, 'CLEARING', 'CNY', 'PARTNER'),
      await systemAccount(tx, DEMO_TENANT_ID, 'REVENUE', 'CNY', 'SALES'),
    ]);
    const direct = await postFor(o, (client, n) =>
      db.transaction((tx) => {
        const accountId = walletOf(client, n);
        const other = n % 2 === 0 ? clearing.id : revenue.id;
        const amount = n % 2 === 0 ? 100 : -100;
        return post(tx, {
          tenantId: DEMO_TENANT_ID,
          idempotencyKey: randomUUID(),
          kind: n % 2 === 0 ? 'TOP_UP' : 'CHARGE',
          actor: 'bench',
          lines: [
            { accountId, amountMinor: amount },
            { accountId: other, amountMinor: -amount },
          ],
        });
      }),
    );
    const books = await booksBalance(db, DEMO_TENANT_ID);
    check(books.sumOfEntriesMinor === 0 && books.sumOfBalancesMinor === 0, `books out of balance: ${JSON.stringify(books)}`);

    const rows: TableRow[] = [
      ...searches.map((s) => ({
        measure: `search ${fmt(o.customers)} customers, ${s.name} (${fmt(s.found)} found): p50 / p99 ms`,
        value: `${fmt(s.api.p50Ms)} / ${fmt(s.api.p99Ms)}`,
        reference: `${fmt(s.floor.p50Ms)} / ${fmt(s.floor.p99Ms)} (same SQL in the database)`,
        ratio: ratio(s.api.p50Ms, s.floor.p50Ms),
      })),
      {
        measure: `ledger postings/s, ${o.clients} concurrent clients (top-ups and charges)`,
        value: fmt(viaApi.perSecond),
        reference: `${fmt(direct.perSecond)} (ledger library, same postings)`,
        ratio: ratio(viaApi.perSecond, direct.perSecond),
      },
      { measure: 'books balanced after both (entries = balances = 0)', value: 'yes' },
    ];
    return {
      figures: { customers: o.customers, seedSeconds: round(seedSeconds, 1), searches, postings: { clients: o.clients, viaApi, direct }, books },
      rows,
    };
  } finally {
    await service.close();
    await db.close();
    await fresh.remove();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The SQL the service runs for a search (its page and its count), run directly: the floor. */
async function floorSearch(db: Database, pii: PiiProtector, search: string): Promise<void> {
  const digits = /^\d+$/.test(search) ? search : null;
  const tokens = digits ? pii.searchTokens(digits, 'customer-phone') : null;
  const chars = [...search.toLowerCase()];
  const grams = chars.length <= 3 ? [chars.join('')] : [chars.slice(0, 3).join(''), chars.slice(-3).join('')];
  const short = chars.length <= 3;
  const where = tokens
    ? `tenant_id = $1 AND (card_number = $2 OR unique_number = $2 OR phone_tokens @> $3::text[])`
    : `tenant_id = $1 AND (card_number = $2 OR unique_number = $2 OR (name_grams @> $3::text[]${short ? '' : ' AND lower(name) LIKE $4'}))`;
  const params = tokens || short ? [DEMO_TENANT_ID, search, tokens ?? grams] : [DEMO_TENANT_ID, search, grams, `%${chars.join('')}%`];
  await db.query(`SELECT count(*) FROM (SELECT id FROM customers.customer WHERE ${where} LIMIT ${SEARCH_COUNT_CAP}) AS capped`, params);
  await db.query(`SELECT id, card_number, name, phones_masked FROM customers.customer WHERE ${where} ORDER BY name || '', id LIMIT 21`, params);
}

/** `clients` loops calling `post` until the time is up; postings per second. */
async function postFor(o: CustomersOptions, postOne: (client: number, n: number) => Promise<unknown>): Promise<{ postings: number; perSecond: number }> {
  const until = performance.now() + o.postingSeconds * 1000;
  let postings = 0;
  await Promise.all(
    Array.from({ length: o.clients }, async (_, client) => {
      for (let n = 0; performance.now() < until; n++) {
        await postOne(client, n);
        postings++;
      }
    }),
  );
  return { postings, perSecond: round(postings / o.postingSeconds) };
}
