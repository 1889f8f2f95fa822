import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, HearthError } from '@hearth/platform';
import { TableCursor, timeKeySql, type Database, type Queryable, type TableKey } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';
import type { CommandRecord } from '../store/command-store';
import { ABANDONED_CLAIM_MS, DecisionFollower, type DecisionFollowerOptions } from './decision-follower';
import type { KindCore } from './twin-kind';

/**
 * Two followers of one table of decisions, as two twins instances are: a table that does not exist
 * yet is waited for, each decision is carried out once between them, a device bound to no gateway
 * is settled NOT_BOUND, and a command that could not be recorded is given back and tried again.
 * The tables are the test's own (`probe_decisions`), made after the followers start.
 */
interface Decision {
  id: string;
  deviceId: string;
  decidedKey: string;
}

const TABLE = 'probe_decisions.decision';
const CHANNEL = 'probe_decision';
const cursor = new TableCursor('probe_decisions.cursor', TABLE, { at: 'decided_at', id: 'decision_id' });

let db: Database;
/** What each follower sent, by the follower's name. */
const sent: { by: string; decisionId: string }[] = [];
/** Device ids whose command fails as DEVICE_NOT_BOUND, and how many more times a command to a device fails otherwise. */
const unbound = new Set<string>();
const failing = new Map<string, number>();

const claims = (q: Queryable) =>
  q.query<{ decision_id: string; outcome: string; command_id: string | null }>(
    'SELECT decision_id::text, outcome, command_id FROM probe_decisions.claim ORDER BY decision_id',
  );

function follower(name: string): DecisionFollower<Decision, string> {
  const options: DecisionFollowerOptions<Decision, string> = {
    db,
    settings: { pollMs: 60_000, lookbackMs: 30_000 },
    source: {
      name,
      table: TABLE,
      channel: CHANNEL,
      cursor,
      page: (q: Queryable, after: TableKey, limit: number) =>
        q.query<Decision>(
          `SELECT d.id::text, d.device_id AS "deviceId", ${timeKeySql('d.decided_at')} AS "decidedKey" FROM ${TABLE} d
            WHERE d.decided_at >= $1::timestamptz AND (d.decided_at, d.id) > ($1::timestamptz, $2::uuid)
              AND NOT EXISTS (SELECT 1 FROM probe_decisions.claim x WHERE x.decision_id = d.id)
            ORDER BY d.decided_at, d.id LIMIT $3`,
          [after[0], after[1], limit],
        ),
      keyOf: (d) => [d.decidedKey, d.id],
    },
    claims: {
      settle: async (q, d, outcome, commandId) => {
        await q.query('UPDATE probe_decisions.claim SET outcome = $2, command_id = $3 WHERE decision_id = $1', [d.id, outcome, commandId]);
      },
      release: async (q, d) => {
        await q.query(`DELETE FROM probe_decisions.claim WHERE decision_id = $1 AND outcome = 'SENDING'`, [d.id]);
      },
      abandoned: (q, olderThanMs, limit) =>
        q.query<Decision>(
          `SELECT d.id::text, d.device_id AS "deviceId", ${timeKeySql('d.decided_at')} AS "decidedKey"
             FROM probe_decisions.claim x JOIN ${TABLE} d ON d.id = x.decision_id
            WHERE x.outcome = 'SENDING' AND x.claimed_at < now() - make_interval(secs => $1) ORDER BY d.decided_at, d.id LIMIT $2`,
          [olderThanMs / 1000, limit],
        ),
      forget: async (q, olderThanMs) => {
        await q.query('DELETE FROM probe_decisions.claim WHERE claimed_at < now() - make_interval(secs => $1)', [olderThanMs / 1000]);
      },
      keepMs: 3600_000,
    },
    carry: async (d, { kind, core, send }) => {
      const claimed = await db.query(
        `INSERT INTO probe_decisions.claim AS x (decision_id, outcome) VALUES ($1, 'SENDING')
         ON CONFLICT (decision_id) DO UPDATE SET claimed_at = now() WHERE x.outcome = 'SENDING' AND x.claimed_at < now() - make_interval(secs => $2)
         RETURNING decision_id`,
        [d.id, ABANDONED_CLAIM_MS / 1000],
      );
      if (claimed.length === 0) return;
      await send(
        () => {
          if (unbound.has(d.deviceId)) return Promise.reject(new HearthError('DEVICE_NOT_BOUND', 'bound to no gateway'));
          const left = failing.get(d.deviceId) ?? 0;
          if (left > 0) {
            failing.set(d.deviceId, left - 1);
            return Promise.reject(new Error('the command could not be recorded'));
          }
          sent.push({ by: kind, decisionId: d.id });
          return Promise.resolve({ id: `command-${d.id}` } as CommandRecord);
        },
        core.logger,
        'bound to no gateway',
      );
    },
    failed: { message: 'a decision could not be carried out', fields: (d) => ({ decisionId: d.id }) },
  };
  return new DecisionFollower(options);
}

const core = { logger: createLogger('decision-follower-test', 'silent') } as unknown as KindCore;
let one: DecisionFollower<Decision, string>;
let two: DecisionFollower<Decision, string>;

async function decide(deviceId: string): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO ${TABLE} (id, device_id) VALUES ($1, $2)`, [id, deviceId]);
  return id;
}

const wakeBoth = () => Promise.all([one.wake(), two.wake()]);

beforeAll(async () => {
  db = await openTestDatabase();
  one = follower('one');
  two = follower('two');
  for (const f of [one, two]) await f.start();
  one.connect(core, 'one');
  two.connect(core, 'two');
}, 60_000);

afterAll(async () => {
  await one?.stop();
  await two?.stop();
  await db?.close();
});

describe('a decision follower', () => {
  it('waits, quietly, for a table that does not exist yet', async () => {
    await wakeBoth();
    expect(sent).toEqual([]);
  });

  it('carries each decision out once between two instances, once the table exists', async () => {
    await db.query(`CREATE SCHEMA probe_decisions`);
    await db.query(`CREATE TABLE ${TABLE} (id uuid PRIMARY KEY, device_id text NOT NULL, decided_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await db.query(
      `CREATE TABLE probe_decisions.cursor (name text PRIMARY KEY, decided_at timestamptz NOT NULL, decision_id uuid NOT NULL, updated_at timestamptz)`,
    );
    await db.query(`INSERT INTO probe_decisions.cursor VALUES ($1, now() - interval '1 hour', $2, now())`, [TABLE, cursor.firstId]);
    await db.query(
      `CREATE TABLE probe_decisions.claim (decision_id uuid PRIMARY KEY, outcome text NOT NULL, command_id text, claimed_at timestamptz NOT NULL DEFAULT now())`,
    );
    const ids = [await decide('d1'), await decide('d2'), await decide('d3')];
    await wakeBoth();
    // Read again in the look-back window, by both: nothing more is sent.
    await wakeBoth();
    expect(sent.map((s) => s.decisionId).sort()).toEqual([...ids].sort());
    expect((await claims(db)).map((c) => [c.outcome, c.command_id])).toEqual(ids.sort().map((id) => ['SENT', `command-${id}`]));
  });

  it('settles a decision for a device bound to no gateway as NOT_BOUND, and sends nothing', async () => {
    unbound.add('d4');
    const id = await decide('d4');
    await wakeBoth();
    expect((await claims(db)).find((c) => c.decision_id === id)).toEqual({ decision_id: id, outcome: 'NOT_BOUND', command_id: null });
    expect(sent.filter((s) => s.decisionId === id)).toEqual([]);
  });

  it('gives back a claim whose command could not be recorded, and sends it at the next run', async () => {
    failing.set('d5', 1);
    const id = await decide('d5');
    await one.wake();
    expect((await claims(db)).find((c) => c.decision_id === id)).toBeUndefined();
    await wakeBoth();
    expect(sent.filter((s) => s.decisionId === id)).toHaveLength(1);
    expect((await claims(db)).find((c) => c.decision_id === id)?.outcome).toBe('SENT');
  });

  it('takes a claim abandoned SENDING (its instance stopped before the command was recorded) again, long after the look-back window', async () => {
    const id = randomUUID();
    await db.query(`INSERT INTO ${TABLE} (id, device_id, decided_at) VALUES ($1, 'd6', now() - interval '10 minutes')`, [id]);
    // The instance that claimed it stopped there: no command, the claim SENDING.
    await db.query(`INSERT INTO probe_decisions.claim (decision_id, outcome, claimed_at) VALUES ($1, 'SENDING', now() - interval '9 minutes')`, [id]);
    // One SENDING a moment ago is another instance's, at work: left alone.
    const fresh = randomUUID();
    await db.query(`INSERT INTO ${TABLE} (id, device_id, decided_at) VALUES ($1, 'd7', now() - interval '10 minutes')`, [fresh]);
    await db.query(`INSERT INTO probe_decisions.claim (decision_id, outcome) VALUES ($1, 'SENDING')`, [fresh]);
    await wakeBoth();
    await wakeBoth();
    expect(sent.filter((s) => s.decisionId === id)).toHaveLength(1);
    expect((await claims(db)).find((c) => c.decision_id === id)).toEqual({ decision_id: id, outcome: 'SENT', command_id: `command-${id}` });
    expect(sent.filter((s) => s.decisionId === fresh)).toEqual([]);
  });
});
