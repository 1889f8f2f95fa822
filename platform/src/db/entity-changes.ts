import type { DataSource, EntitySubscriberInterface, InsertEvent, RemoveEvent, UpdateEvent } from 'typeorm';

/** Where subgraphs announce that an entity changed; the gateway drops what it cached of it. */
export const ENTITY_CHANGED_CHANNEL = 'hearth_entity_changed';

export interface EntityChanged {
  /** The subgraph that owns the entity, by the name the supergraph composes it under. */
  subgraph: string;
  /** Absent when the change was not made row by row (a bulk update): every tenant's copy is stale. */
  tenantId?: string;
  typename: string;
  id?: string;
}

/** A payload of the channel, or undefined when it is not one (then trust no cached copy). */
export function parseEntityChanged(payload: string): EntityChanged | undefined {
  try {
    const parsed = JSON.parse(payload) as Partial<EntityChanged>;
    return typeof parsed.subgraph === 'string' && typeof parsed.typename === 'string' ? (parsed as EntityChanged) : undefined;
  } catch {
    return undefined;
  }
}

type Row = { tenantId?: unknown; id?: unknown } | undefined;
type ChangeEvent = InsertEvent<unknown> | UpdateEvent<unknown> | RemoveEvent<unknown>;

/**
 * Announces every insert, update and delete the subgraph's TypeORM entities go through, inside
 * the same transaction: PostgreSQL delivers a NOTIFY only on commit (and never for a rollback),
 * so a listener hears of a change exactly when others can read it. Every service on the
 * platform's data source gets this without writing a line of its own.
 */
export function announceEntityChanges(data: DataSource, subgraph: string): void {
  const announce = async (event: ChangeEvent) => {
    const row = (event.entity ?? ('databaseEntity' in event ? event.databaseEntity : undefined)) as Row;
    const change: EntityChanged = {
      subgraph,
      typename: event.metadata.name,
      ...(typeof row?.tenantId === 'string' ? { tenantId: row.tenantId } : {}),
      ...(row?.id !== undefined ? { id: String(row.id) } : {}),
    };
    await event.queryRunner.query('SELECT pg_notify($1, $2)', [ENTITY_CHANGED_CHANNEL, JSON.stringify(change)]);
  };
  const subscriber: EntitySubscriberInterface = { afterInsert: announce, afterUpdate: announce, afterRemove: announce };
  data.subscribers.push(subscriber);
}
