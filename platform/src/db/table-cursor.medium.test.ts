import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '@hearth/testkit/test-database';
import type { Database } from './database';
import { timeKeySql } from './keyset-page';
import { followTable, TableCursor, type TableKey } from './table-cursor';

let db: Database;
const AT = '2026-01-01T00:00:00.000000Z';

beforeAll(async () => {
  db = await openTestDatabase();
  await db.exec(`CREATE SCHEMA cursor_fixture;
    CREATE TABLE cursor_fixture.event (id bigserial PRIMARY KEY, at timestamptz NOT NULL);
    CREATE TABLE cursor_fixture.thing (id uuid PRIMARY KEY, at timestamptz NOT NULL);
    CREATE TABLE cursor_fixture.cursor (name text PRIMARY KEY, at timestamptz NOT NULL, event_id bigint, thing_id uuid, updated_at timestamptz NOT NULL DEFAULT now());
    INSERT INTO cursor_fixture.cursor (name, at, event_id, thing_id) VALUES ('events', '${AT}', 0, NULL), ('things', '${AT}', NULL, '00000000-0000-0000-0000-000000000000');`);
});
afterAll(async () => {
  await db?.close();
});

describe('TableCursor', () => {
  const events = new TableCursor('cursor_fixture.cursor', 'events', { at: 'at', id: 'event_id', idType: 'bigint' });
  const things = new TableCursor('cursor_fixture.cursor', 'things', { at: 'at', id: 'thing_id' });

  it('keeps a bigint id as the number it is, ordered as numbers (9 before 10), and never moves back', async () => {
    expect(events.firstId).toBe('0');
    await events.save(db, [AT, '10']);
    expect(await events.read(db)).toEqual([AT, '10']);
    await events.save(db, [AT, '9']);
    expect(await events.read(db)).toEqual([AT, '10']);
    await events.save(db, [AT, '9007199254740993']);
    expect(await events.read(db)).toEqual([AT, '9007199254740993']);
  });

  it('keeps uuids as before', async () => {
    expect(things.firstId).toBe('00000000-0000-0000-0000-000000000000');
    const id = '0b0b0b0b-0000-4000-8000-00000000000b';
    await things.save(db, [AT, id]);
    expect(await things.read(db)).toEqual([AT, id]);
  });

  it('follows a bigserial table by (time, id) exactly: rows of one instant split across pages are each taken once', async () => {
    const cursor = new TableCursor('cursor_fixture.cursor', 'follow', { at: 'at', id: 'event_id', idType: 'bigint' });
    await db.query(`INSERT INTO cursor_fixture.cursor (name, at, event_id) VALUES ('follow', '${AT}', 0)`);
    await db.query(`INSERT INTO cursor_fixture.event (at) SELECT '2026-01-01T00:00:01Z' FROM generate_series(1, 7)`);
    const taken: string[] = [];
    const run = () =>
      followTable<{ id: string; key: string }>(db, {
        cursor,
        lookbackMs: 0,
        pageSize: 3,
        page: (after: TableKey, limit) =>
          db.query(
            `SELECT id::text, ${timeKeySql('at')} AS key FROM cursor_fixture.event WHERE (at, id) > ($1::timestamptz, $2::bigint) ORDER BY at, id LIMIT $3`,
            [after[0], after[1], limit],
          ),
        keyOf: (r) => [r.key, r.id],
        take: async (r) => void taken.push(r.id),
        failed: () => undefined,
      });
    expect(await run()).toBe(7);
    expect(await run()).toBe(0);
    expect(taken).toHaveLength(7);
    expect(new Set(taken).size).toBe(7);
  });
});
