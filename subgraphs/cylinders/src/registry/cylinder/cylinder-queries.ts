import { HearthError, notFound } from '@hearth/platform';
import { isUuid, keysetCount, keysetPage, type KeysetQuery, type Queryable } from '@hearth/platform/db';
import { checkPageSize, decodeCursor, toConnection, type Connection } from '@hearth/platform/graphql';
import type { CylinderFilter } from './cylinder.input';
import { CYLINDER_COLUMNS, type Cylinder } from './cylinder.types';

/** The tenant's cylinders among `ids`, by id (loaders and `_entities` batch into this). */
export async function cylindersByIds(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, Cylinder>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await q.query<Cylinder>(`SELECT ${CYLINDER_COLUMNS} FROM cylinders.cylinder c WHERE c.tenant_id = $1 AND c.id = ANY($2::uuid[])`, [
    tenantId,
    valid,
  ]);
  return new Map(rows.map((c) => [c.id, c]));
}

export async function getCylinder(q: Queryable, tenantId: string, id: string): Promise<Cylinder> {
  const found = (await cylindersByIds(q, tenantId, [id])).get(id.toLowerCase());
  if (!found) throw notFound('Cylinder', id);
  return found;
}

/** The tenant's cylinder with this tag; null for no cylinder, or another company's. */
export async function cylinderByTag(q: Queryable, tenantId: string, tag: string): Promise<Cylinder | null> {
  const [row] = await q.query<Cylinder>(`SELECT ${CYLINDER_COLUMNS} FROM cylinders.cylinder c WHERE c.tenant_id = $1 AND c.tag = $2`, [tenantId, tag.trim()]);
  return row ?? null;
}

/** Cylinders by serial, a page at a time (keyset on serial and id, the serial-prefix index). */
export async function listCylinders(
  q: Queryable,
  tenantId: string,
  filter: CylinderFilter,
  firstArg: number,
  after?: string | null,
): Promise<Connection<Cylinder>> {
  const first = checkPageSize(firstArg);
  const where = ['c.tenant_id = $1'];
  const params: unknown[] = [tenantId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  // An id that cannot exist matches nothing (rather than failing the cast).
  const id = (value: string) => (isUuid(value) ? value : '00000000-0000-0000-0000-000000000000');
  if (filter.serialPrefix) add(`c.serial LIKE ? ESCAPE '\\'`, `${filter.serialPrefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (filter.tag) add('c.tag = ?', filter.tag.trim());
  if (filter.state) add('c.state = ?', filter.state);
  if (filter.locationSiteId) add('c.location_site_id = ?::uuid', id(filter.locationSiteId));
  if (filter.holderCustomerId) add('c.holder_customer_id = ?::uuid', id(filter.holderCustomerId));
  if (filter.specCode) add('c.spec_code = ?', filter.specCode);
  const query: KeysetQuery = {
    select: CYLINDER_COLUMNS,
    from: 'cylinders.cylinder c',
    where: where.join(' AND '),
    params,
    key: [
      { column: 'c.serial', type: 'text' },
      { column: 'c.id', type: 'uuid' },
    ],
    direction: 'ASC',
  };
  const cursor = after ? serialKeyAfter(decodeCursor(after, 2)) : undefined;
  const rows = await keysetPage<Cylinder>(q, query, first + 1, cursor);
  return toConnection(
    rows,
    first,
    await keysetCount(q, query),
    Boolean(after),
    (c) => [c.serial, c.id],
    (c) => c,
  );
}

/** The (serial, id) a decoded cursor continues after, checked before any SQL sees it. */
function serialKeyAfter(key: readonly (string | number)[]): [string, string] {
  const [serial, id] = key;
  if (typeof serial !== 'string' || typeof id !== 'string' || !isUuid(id))
    throw new HearthError('INVALID_CURSOR', 'The `after` cursor is not a cursor of this list.');
  return [serial, id];
}
