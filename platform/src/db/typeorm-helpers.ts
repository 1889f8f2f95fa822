import { In, type EntityManager, type FindOptionsWhere, type ObjectLiteral, type Repository, type SelectQueryBuilder } from 'typeorm';
import { HearthError } from '../errors/hearth-error';
import { checkPageSize, decodeCursor, toConnection, type Connection } from '../graphql/connection';
import { isUniqueViolation, type Queryable } from './database';

/**
 * One page of a list ordered by `name` then `id` (keyset pagination: stable under inserts,
 * no OFFSET scans). `query` is already filtered (tenant, parent); `alias` is its entity alias.
 */
export async function pageByName<T extends ObjectLiteral & { name: string; id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  firstArg: number,
  after?: string | null,
): Promise<Connection<T>> {
  const first = checkPageSize(firstArg);
  const totalCount = await query.clone().getCount();
  const page = query
    .clone()
    .orderBy(`${alias}.name`, 'ASC')
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

/** Saves, turning a unique-key clash into a CONFLICT error that names the field. */
export async function saveUnique<T extends ObjectLiteral>(repository: Repository<T>, entity: T, conflict: { field: string; message: string }): Promise<T> {
  try {
    return await repository.save(entity);
  } catch (err) {
    // TypeORM wraps the driver's error; either may carry PostgreSQL's code.
    if (isUniqueViolation(err) || isUniqueViolation((err as { driverError?: unknown }).driverError)) {
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
