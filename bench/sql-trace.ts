import type { PGlite, Transaction } from '@electric-sql/pglite';

type Stat = { calls: number; ms: number; rows: number };

/**
 * A diagnostic for profiles (BENCH_TRACE_SQL=1): wraps the embedded database's PGlite so every
 * statement is counted and timed by its text, and returns the report to print at shutdown. CPU
 * profiles lose the async caller of a PGlite call; this says which statements the time went to.
 */
export function traceSql(pglite: PGlite): () => string {
  const stats = new Map<string, Stat>();
  const key = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 110);
  const timed = async <R>(sql: string, run: () => Promise<R>, rows: (r: R) => number): Promise<R> => {
    const started = performance.now();
    const result = await run();
    const stat = stats.get(key(sql)) ?? { calls: 0, ms: 0, rows: 0 };
    stat.calls++;
    stat.ms += performance.now() - started;
    stat.rows += rows(result);
    stats.set(key(sql), stat);
    return result;
  };
  const wrapQuery = (target: Pick<PGlite | Transaction, 'query' | 'exec'>) => {
    const query = target.query.bind(target);
    const exec = target.exec.bind(target);
    target.query = ((sql: string, params?: unknown[], opts?: object) =>
      timed(
        sql,
        () => query(sql, params, opts),
        (r) => r.rows.length,
      )) as typeof target.query;
    target.exec = ((sql: string, opts?: object) =>
      timed(
        sql,
        () => exec(sql, opts),
        (r) => r.reduce((n, x) => n + x.rows.length, 0),
      )) as typeof target.exec;
  };
  wrapQuery(pglite);
  const transaction = pglite.transaction.bind(pglite);
  pglite.transaction = (<T>(fn: (tx: Transaction) => Promise<T>) =>
    timed(
      '(transaction)',
      () => transaction((tx) => (wrapQuery(tx), fn(tx))),
      () => 0,
    )) as typeof pglite.transaction;
  return () => {
    const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
    return [
      'calls        ms    rows  statement',
      ...rows.map(([sql, s]) => `${String(s.calls).padStart(6)} ${s.ms.toFixed(0).padStart(8)} ${String(s.rows).padStart(7)}  ${sql}`),
    ].join('\n');
  };
}
