import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Column, Entity, PrimaryColumn, type DataSource } from 'typeorm';
import { openTestDatabase } from '@hearth/testkit/test-database';
import type { Database } from './database';
import { createDataSource } from './typeorm-data-source';
import { pageByName } from './typeorm-helpers';

@Entity({ schema: 'paging_fixture', name: 'thing' })
class Thing {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column('text') name!: string;
}

const T = '0a0a0a0a-0000-4000-8000-00000000000a';
let db: Database;
let data: DataSource;
beforeAll(async () => {
  db = await openTestDatabase();
  await db.exec(`CREATE SCHEMA paging_fixture; CREATE TABLE paging_fixture.thing (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, name text NOT NULL);
    INSERT INTO paging_fixture.thing SELECT gen_random_uuid(), '${T}', 'thing ' || lpad(i::text, 3, '0') FROM generate_series(1, 25) AS i;`);
  data = await createDataSource(db, [Thing]);
});
afterAll(async () => {
  await data?.destroy();
  await db?.close();
});

describe('pageByName', () => {
  const query = () => data.getRepository(Thing).createQueryBuilder('t').where('t.tenantId = :t', { t: T });

  it('counts every match, and pages by name', async () => {
    const page = await pageByName(query(), 't', 10);
    expect(page.totalCount).toBe(25);
    expect(page.edges.map((e) => e.node.name).slice(0, 2)).toEqual(['thing 001', 'thing 002']);
    const next = await pageByName(query(), 't', 10, page.pageInfo.endCursor);
    expect(next.edges[0]!.node.name).toBe('thing 011');
  });

  it('gives the same pages when it sorts the matches instead of walking the name index', async () => {
    const walked = await pageByName(query(), 't', 7);
    const sorted = await pageByName(query(), 't', 7, null, { sortMatches: true });
    expect(sorted.edges.map((e) => e.node.id)).toEqual(walked.edges.map((e) => e.node.id));
    const next = await pageByName(query(), 't', 7, sorted.pageInfo.endCursor, { sortMatches: true });
    expect(next.edges[0]!.node.name).toBe('thing 008');
  });

  it('counts only up to a cap when asked (a search that matches too much to count), the page unchanged', async () => {
    const page = await pageByName(query(), 't', 10, null, { countUpTo: 12 });
    expect(page.totalCount).toBe(12);
    expect(page.edges).toHaveLength(10);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });
});
