import type { PGliteThread } from '@hearth/platform/db';

type Stat = { calls: number; ms: number; rows: number };

/**
 * A diagnostic for profiles (BENCH_TRACE_SQL=1): wraps the embedded database's session so every
 * statement is counted and timed by its text (from the request to the reply of the database's
 * thread), and returns the report to print at shutdown. A profile of the stack's main thread does not
 * show the database's thread; this says which statements the time went to. Transactions show as their
 * statements, BEGIN and COMMIT included.
 */
export function traceSql(session: PGliteThread): () => string {
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
  const query = session.query.bind(session);
  const exec = session.exec.bind(session);
  session.query = ((sql: string, params?: unknown[], opts?: { rowMode?: 'array' | 'object' }) =>
    timed(
      sql,
      () => query(sql, params, opts),
      (r) => r.rows.length,
    )) as typeof session.query;
  session.exec = (sql: string) =>
    timed(
      sql,
      () => exec(sql),
      () => 0,
    );
  return () => {
    const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
    return [
      'calls        ms    rows  statement',
      ...rows.map(([sql, s]) => `${String(s.calls).padStart(6)} ${s.ms.toFixed(0).padStart(8)} ${String(s.rows).padStart(7)}  ${sql}`),
    ].join('\n');
  };
}
