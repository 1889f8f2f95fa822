import { EventEmitter } from 'node:events';
import pg from 'pg';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { Database } from './database';
import { EmbeddedDatabase } from './embedded-database';
import { type ServerDatabase } from './server-database';

/* eslint-disable @typescript-eslint/no-explicit-any -- a pg-compatible module shape, typed by TypeORM as any */

/**
 * TypeORM on our one data-access layer. TypeORM expects the `pg` module; we hand it one
 * whose pool is ours: on a server, the service's existing pool; embedded, a pool whose
 * every connection holds the PGlite session lock from connect() to release(), so TypeORM
 * transactions cannot interleave with each other or with ours (docs/adr/0003).
 */
export async function createDataSource(db: Database, entities: MixedList<Function | string | EntitySchema>): Promise<DataSource> {
  const driver = db instanceof EmbeddedDatabase ? pgliteDriver(db) : sharedPoolDriver(db as ServerDatabase);
  const dataSource = new DataSource({ type: 'postgres', driver, entities, synchronize: false, migrationsRun: false, installExtensions: false, logging: false });
  return dataSource.initialize();
}

function sharedPoolDriver(db: ServerDatabase): any {
  // A facade, not a copy: pg-pool keeps its books in fields it reassigns (`this._clients = …`), so a
  // copy made with Object.create split them in two, and the service's pool.end() then waited for ever
  // for a client the copy had dropped on its idle timeout.
  class Pool {
    on() {
      // Errors of idle clients are the service's pool's, which has its handler.
      return this;
    }
    connect(...args: unknown[]) {
      return Reflect.apply(db.pool.connect, db.pool, args) as unknown;
    }
    query(...args: unknown[]) {
      return Reflect.apply(db.pool.query, db.pool, args) as unknown;
    }
    end(callback?: () => void) {
      // TypeORM ends its pool on destroy; the pool belongs to the service, which ends it once.
      callback?.();
      return Promise.resolve();
    }
  }
  return { ...pg, Pool };
}

type Callback = (err: Error | null, result?: unknown) => void;

function pgliteDriver(db: EmbeddedDatabase): any {
  const command = (sql: string) => sql.trimStart().split(/\s/, 1)[0]?.toUpperCase() ?? '';
  class Pool {
    on() {
      return this;
    }
    connect(callback: (err: Error | null, client?: unknown, release?: (err?: Error) => void) => void) {
      db.lock.acquire().then(
        (release) => {
          // TypeORM attaches error/notice listeners to a pg client; PGlite emits none.
          const client = Object.assign(new EventEmitter(), {
            // pg's client.query takes (sql, params?, callback?); TypeORM uses both the promise and the callback form.
            query(sql: string, paramsOrCallback?: unknown[] | Callback, maybeCallback?: Callback) {
              const callback = typeof paramsOrCallback === 'function' ? paramsOrCallback : maybeCallback;
              const params = typeof paramsOrCallback === 'function' ? undefined : paramsOrCallback;
              const result = db.session.query(sql, params).then((r) => ({ rows: r.rows, rowCount: r.affectedRows ?? r.rows.length, command: command(sql) }));
              if (!callback) return result;
              result.then(
                (r) => callback(null, r),
                (err: Error) => callback(err),
              );
              return undefined;
            },
          });
          callback(null, client, () => release());
        },
        (err: Error) => callback(err),
      );
    }
    end(callback?: () => void) {
      callback?.();
      return Promise.resolve();
    }
  }
  return { Pool, defaults: {}, types: pg.types };
}
