import { In, type DataSource } from 'typeorm';
import { z } from 'zod';
import { HearthError, type CallerContext } from '@hearth/platform';
import { recordAudit } from '@hearth/platform/audit';
import { findByIds, isUuid, keysetCount, keysetPage, queryableOf, timeKeyAfter, timeKeySql, type Database, type KeysetQuery } from '@hearth/platform/db';
import { checkPageSize, decodeCursor, toConnection, validateInput, type Connection } from '@hearth/platform/graphql';
import type { PiiProtector } from '@hearth/platform/pii';
import { ServiceOrderEvent } from './service-order-event.entity';
import { ServiceOrder } from './service-order.entity';
import type { SlaState } from './service-order.enums';
import type { ServiceOrderFilter } from './service-order.input';

/** Orders without a deadline sort after every deadline. */
const DUE = `coalesce(o.due_at, '9999-12-31 00:00:00+00')`;

/**
 * Each SLA state as SQL over the stored clock at `$now`: the same rules as `slaStateOf`
 * (sla/sla-clock.ts), so a filtered list agrees with the states its orders show.
 */
const SLA_SQL: Record<SlaState, string> = {
  NONE: 'o.due_at IS NULL',
  PAUSED: 'o.due_at IS NOT NULL AND o.closed_at IS NULL AND o.paused_since IS NOT NULL',
  ON_TRACK: 'o.closed_at IS NULL AND o.paused_since IS NULL AND o.warn_at > $now',
  AT_RISK: 'o.closed_at IS NULL AND o.paused_since IS NULL AND o.warn_at <= $now AND o.due_at >= $now',
  BREACHED: '((o.closed_at IS NULL AND o.paused_since IS NULL AND o.due_at < $now) OR o.closed_at > o.due_at)',
  MET: 'o.closed_at <= o.due_at',
};

const filterSchema = z.object({ storeId: z.uuid().nullish(), customerId: z.uuid().nullish() });

/** Reads of service orders, every one within the caller's tenant. */
export class ServiceOrderQueries {
  constructor(
    private readonly db: Database,
    private readonly data: DataSource,
    private readonly pii: PiiProtector,
  ) {}

  byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, ServiceOrder>> {
    return findByIds(this.data.getRepository(ServiceOrder), tenantId, ids);
  }

  /** A page of the queue: open orders first, each part by deadline (those without one last), then by id. */
  async list(tenantId: string, filter: ServiceOrderFilter, firstArg: number, after: string | null | undefined, now: Date): Promise<Connection<ServiceOrder>> {
    const first = checkPageSize(firstArg);
    const ids = validateInput(filterSchema, { storeId: filter.storeId, customerId: filter.customerId });
    const params: unknown[] = [tenantId];
    const where = ['o.tenant_id = $1'];
    const add = (sql: string, value: unknown) => where.push(sql.replaceAll('$?', `$${params.push(value)}`));
    if (filter.statuses) add('o.status = ANY($?::text[])', filter.statuses);
    if (filter.types) add('o.type = ANY($?::text[])', filter.types);
    // A store's view holds the orders no store has taken yet: an unrouted gas smell must reach every desk.
    if (ids.storeId) add('(o.store_id = $? OR o.store_id IS NULL)', ids.storeId);
    if (ids.customerId) add('o.customer_id = $?', ids.customerId);
    if (filter.slaStates) add(`(false${filter.slaStates.map((s) => ` OR (${SLA_SQL[s].replaceAll('$now', '$?::timestamptz')})`).join('')})`, now);
    const query: KeysetQuery = {
      select: `o.id::text AS id, (o.closed_at IS NOT NULL) AS closed, ${timeKeySql(DUE)} AS "dueKey"`,
      from: 'customers.service_order o',
      where: where.join(' AND '),
      params,
      key: [
        { column: '(o.closed_at IS NOT NULL)', type: 'boolean' },
        { column: DUE, type: 'timestamptz' },
        { column: 'o.id', type: 'uuid' },
      ],
      direction: 'ASC',
    };
    const rows = await keysetPage<{ id: string; closed: boolean; dueKey: string }>(this.db, query, first + 1, after ? afterKey(after) : undefined);
    const orders = await this.byIds(
      tenantId,
      rows.slice(0, first).map((r) => r.id),
    );
    return toConnection(
      rows,
      first,
      await keysetCount(this.db, query),
      Boolean(after),
      (r) => [r.closed ? 1 : 0, r.dueKey, r.id],
      (r) => orders.get(r.id)!,
    );
  }

  /** The history of each order, oldest first. */
  async events(tenantId: string, orderIds: readonly string[]): Promise<Map<string, ServiceOrderEvent[]>> {
    const rows = await this.data.getRepository(ServiceOrderEvent).find({ where: { tenantId, orderId: In(orderIds.filter(isUuid)) }, order: { id: 'ASC' } });
    const byOrder = new Map<string, ServiceOrderEvent[]>(orderIds.map((id) => [id, []]));
    for (const row of rows) byOrder.get(row.orderId)?.push(row);
    return byOrder;
  }

  /** The clear phones of the caller's orders among `ids`, for a caller with `customers:pii` (the resolver checks); one audit entry per batch. */
  async reveal(by: CallerContext, ids: readonly string[]): Promise<Map<string, string | null>> {
    const orders = [...(await this.byIds(by.tenantId, ids)).values()].filter((o) => o.phoneEnc);
    if (orders.length === 0) return new Map();
    const customers = [...new Set(orders.map((o) => o.customerId))];
    // PIPL art. 55: a record of each processing of personal data, as for customers' own numbers.
    await recordAudit(queryableOf(this.data.manager), by, {
      domain: 'customers',
      action: 'service-order.pii-read',
      target: customers.length === 1 && customers[0] ? `customer:${customers[0]}` : null,
      details: { serviceOrderIds: orders.map((o) => o.id) },
    });
    return new Map(orders.map((o) => [o.id, this.pii.decrypt(o.phoneEnc!)]));
  }
}

/** The key a cursor of `list` continues after: INVALID_CURSOR for anything no page handed out. */
function afterKey(cursor: string): [boolean, string, string] {
  const [closed, due, id] = decodeCursor(cursor, 3);
  if (closed !== 0 && closed !== 1) throw new HearthError('INVALID_CURSOR', 'The `after` cursor is not a cursor of this list.');
  const [at, key] = timeKeyAfter([due!, id!], isUuid);
  return [closed === 1, at, key];
}
