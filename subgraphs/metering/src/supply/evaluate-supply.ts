import { decideSupply, type AlarmLevel, type SupplyAction, type SupplyState } from '@hearth/platform/domain';
import type { Database, Queryable } from '@hearth/platform/db';
import { POLICY_COLUMNS, toStoredPolicy } from './supply-policy.store';

/** The NOTIFY channel the twins' meter kind wakes on when decisions are written (payload ignored). */
export const SUPPLY_EVENT_CHANNEL = 'metering_supply_event';

const REASONS: Record<SupplyAction, string> = {
  NOTIFY_ALARM1: 'BALANCE_ALARM1',
  ALARM: 'BALANCE_ALARM2',
  TRIP: 'BALANCE_FLOOR',
  ALLOW_CLOSE: 'TOP_UP',
  CLOSE: 'TOP_UP',
};

interface SupplyRow {
  meterId: string;
  tenantId: string;
  balanceMinor: number;
  protectedSupply: boolean;
  state: SupplyState;
  policy: ReturnType<typeof toStoredPolicy>;
}

interface Decision {
  row: SupplyRow;
  actions: SupplyAction[];
  state: SupplyState;
}

/** Bound meters among `ids` with their balance, protection, supply state and company policy; `lock`: their rows FOR UPDATE, in id order. */
async function supplyRows(q: Queryable, ids: string[], lock: boolean): Promise<SupplyRow[]> {
  const rows = await q.query<{
    meterId: string;
    tenantId: string;
    balanceMinor: number;
    protectedSupply: boolean;
    intended: SupplyState['intended'];
    alarmLevel: AlarmLevel;
    policy: Parameters<typeof toStoredPolicy>[0];
  }>(
    `SELECT m.id::text AS "meterId", m.tenant_id::text AS "tenantId", a.balance_minor::float8 AS "balanceMinor",
            (m.supply_protected AND (m.protected_until IS NULL OR m.protected_until > now())) AS "protectedSupply",
            m.relay_intended AS intended, m.alarm_level AS "alarmLevel",
            (SELECT row_to_json(x) FROM (SELECT ${POLICY_COLUMNS} FROM metering.supply_policy p WHERE p.tenant_id = m.tenant_id) x) AS policy
       FROM metering.meter m JOIN ledger.account a ON a.id = m.account_id AND a.tenant_id = m.tenant_id
      WHERE m.id = ANY($1::uuid[]) ORDER BY m.id${lock ? ' FOR UPDATE OF m' : ''}`,
    [ids],
  );
  return rows.map((r) => ({ ...r, state: { intended: r.intended, alarmLevel: r.alarmLevel }, policy: toStoredPolicy(r.policy) }));
}

function decide(row: SupplyRow, at: Date): Decision {
  const { actions, state } = decideSupply({
    balanceMinor: row.balanceMinor,
    policy: row.policy.policy,
    state: row.state,
    protectedSupply: row.protectedSupply,
    at,
    holidays: row.policy.holidays,
  });
  return { row, actions, state };
}

const changes = (d: Decision) => d.actions.length > 0 || d.state.intended !== d.row.state.intended || d.state.alarmLevel !== d.row.state.alarmLevel;

/**
 * Looks at these meters' supply now (`decideSupply`) and writes what is due: each decision once,
 * with the meter's new intended relay and alarm level in the same transaction, its row locked (so
 * two evaluations, in one instance or two, decide a trip once). Meters nothing is due for are only
 * read. Returns the number of supply events written.
 */
export async function evaluateSupply(db: Database, meterIds: readonly string[], at: () => Date = () => new Date()): Promise<number> {
  let written = 0;
  const ids = [...new Set(meterIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const due = (await supplyRows(db, ids.slice(i, i + 500), false)).map((r) => decide(r, at())).filter(changes);
    if (due.length === 0) continue;
    written += await db.transaction(async (tx) => {
      const decisions = (
        await supplyRows(
          tx,
          due.map((d) => d.row.meterId),
          true,
        )
      )
        .map((r) => decide(r, at()))
        .filter(changes);
      return writeDecisions(tx, decisions);
    });
  }
  return written;
}

async function writeDecisions(tx: Queryable, decisions: Decision[]): Promise<number> {
  if (decisions.length === 0) return 0;
  const events = decisions.flatMap((d) => d.actions.map((action) => ({ ...d.row, action })));
  await tx.query(
    `UPDATE metering.meter m SET relay_intended = u.intended, alarm_level = u.alarm_level
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, intended, alarm_level) WHERE m.id = u.id`,
    [decisions.map((d) => d.row.meterId), decisions.map((d) => d.state.intended), decisions.map((d) => d.state.alarmLevel)],
  );
  if (events.length === 0) return 0;
  await tx.query(
    `INSERT INTO metering.supply_event (tenant_id, meter_id, action, reason, balance_minor)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[])`,
    [
      events.map((e) => e.tenantId),
      events.map((e) => e.meterId),
      events.map((e) => e.action),
      events.map((e) => REASONS[e.action]),
      events.map((e) => e.balanceMinor),
    ],
  );
  await tx.query(`SELECT pg_notify('${SUPPLY_EVENT_CHANNEL}', '')`);
  return events.length;
}
