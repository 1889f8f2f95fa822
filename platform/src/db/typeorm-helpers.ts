import { In, type EntityManager, type FindOptionsWhere, type ObjectLiteral, type Repository, type SelectQueryBuilder } from 'typeorm';
import { HearthError } from '../errors/hearth-error';
import { checkPageSize, decodeCursor, toConnection, type Connection } from '../graphql/connection';
import { isUniqueViolation, type Queryable } from './database';

/**
 * One page of a list ordered by `name` then `id` (keyset pagination: stable under inserts,
 * no OFFSET scans). `query` is already filtered (tenant, parent); `alias` is its entity alias.
 * `countUpTo`: count the matches only up to this many (a search among a million customers that
 * matches 50,000 would otherwise read all 50,000 to say so); the total is then at most it.
 * `sortMatches`: the filter finds its rows through an index of its own (a search): sort those rather
 * than walk the name index in order, which reads every name before the first match (a surname
 * late in the alphabet, matched by a fifth of a million customers, sits after all the others).
 */
export async function pageByName<T extends ObjectLiteral & { name: string; id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  firstArg: number,
  after?: string | null,
  options: { countUpTo?: number; sortMatches?: boolean } = {},
): Promise<Connection<T>> {
  const first = checkPageSize(firstArg);
  const totalCount = options.countUpTo ? await countUpTo(query, alias, options.countUpTo) : await query.clone().getCount();
  const page = query
    .clone()
    // The same order; as an expression, no index gives it, so the planner sorts the filter's matches.
    .orderBy(options.sortMatches ? `${alias}.name || ''` : `${alias}.name`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .take(first + 1);
  if (after) {
    const [name, id] = decodeCursor(after, 2);
    page.andWhere(`(${alias}.name, ${alias}.id) > (:afterName, :afterId)`, { afterName: name, afterId: id });
  }
  return toConnection(
    await page.getMany(),
    first,
    totalCount,
    Boolean(after),
    (row) => [row.name, row.id],
    (row) => row,
  );
}

/** How many rows `query` selects, reading at most `cap` of them. */
async function countUpTo<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, cap: number): Promise<number> {
  const [sql, params] = query.clone().select(`${alias}.id`).orderBy().limit(cap).getQueryAndParameters();
  const [row] = (await query.connection.query(`SELECT count(*)::int AS n FROM (${sql}) AS capped`, params)) as { n: number }[];
  return row?.n ?? 0;
}

/** Saves, turning a unique-key clash into a CONFLICT error that names the field. */
export async function saveUnique<T extends ObjectLiteral>(repository: Repository<T>, entity: T, conflict: { field: string; message: string }): Promise<T> {
  try {
    return await repository.save(entity);
  } catch (err) {
    // TypeORM wraps the driver's error; either may carry PostgreSQL's code.
    if (isUniqueViolation(err)) {
      throw new HearthError('CONFLICT', conflict.message, { field: conflict.field });
    }
    throw err;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids that are not UUIDs cannot exist; filtering them avoids a database cast error. */
export const isUuid = (id: string): boolean => UUID.test(id);

/** The tenant's rows among `ids`, by id (what per-request loaders batch into). */
export async function findByIds<T extends ObjectLiteral & { id: string; tenantId: string }>(
  repository: Repository<T>,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, T>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await repository.findBy({ tenantId, id: In(valid) } as FindOptionsWhere<T>);
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * A TypeORM transaction as the platform's `Queryable`, so the platform's SQL modules (audit, ledger)
 * write inside a domain's own transaction: both commit or neither does. Rows always: TypeORM's plain
 * `query` answers an UPDATE or DELETE with `[rows, count]`, so its structured result is read instead.
 */
export const queryableOf = (em: EntityManager): Queryable => ({
  query: async <T>(sql: string, params?: unknown[]) => {
    const runner = em.queryRunner ?? em.connection.createQueryRunner();
    try {
      return ((await runner.query(sql, params, true)) as { records: T[] }).records;
    } finally {
      if (!em.queryRunner) await runner.release();
    }
  },
});
