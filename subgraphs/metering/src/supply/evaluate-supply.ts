import { decideSupply, type AlarmLevel, type ReconnectCause, type SupplyAction, type SupplyState } from '@hearth/platform/domain';
import type { Database, Queryable } from '@hearth/platform/db';
import { announceBalances } from '../charge/meter-charge-posting';
import { grantEmergencyCredit, outstandingCredits, receivableOf, recoverFromTopUps, walletsToRecover } from './emergency-credit';
import { POLICY_COLUMNS, toStoredPolicy } from './supply-policy.store';

/** The NOTIFY channel the twins' meter kind wakes on when decisions are written (payload ignored). */
export const SUPPLY_EVENT_CHANNEL = 'metering_supply_event';

const REASONS: Record<SupplyAction, string> = {
  NOTIFY_ALARM1: 'BALANCE_ALARM1',
  ALARM: 'BALANCE_ALARM2',
  ALARM_RELEASE: 'BALANCE_RESTORED',
  TRIP: 'BALANCE_FLOOR',
  ALLOW_CLOSE: 'TOP_UP',
  CLOSE: 'TOP_UP',
};

/** The reason written with an action: a reconnection says what brought it (a top-up, or protected supply whatever the balance). */
const reasonOf = (action: SupplyAction, cause: ReconnectCause | null): string =>
  (action === 'ALLOW_CLOSE' || action === 'CLOSE') && cause !== null ? cause : REASONS[action];

interface SupplyRow {
  meterId: string;
  tenantId: string;
  accountId: string;
  balanceMinor: number;
  creditLimitMinor: number | null;
  protectedSupply: boolean;
  state: SupplyState;
  policy: ReturnType<typeof toStoredPolicy>;
  /** Emergency credit lent to this meter and not repaid. */
  creditOutstandingMinor: number;
  /** Its wallet owes emergency credit (this meter's or another's on the same wallet). */
  walletOwes: boolean;
}

interface Decision {
  row: SupplyRow;
  actions: SupplyAction[];
  state: SupplyState;
  /** Why a reconnection among the actions is due (null without one). */
  reconnectCause: ReconnectCause | null;
  /** Emergency credit due now (the caller lends it before deciding). */
  grantMinor: number;
}

/** Bound meters among `ids` with their balance, protection, supply state, emergency credit and company policy; `lock`: their rows FOR UPDATE, in id order. */
async function supplyRows(q: Queryable, ids: string[], lock: boolean): Promise<SupplyRow[]> {
  const rows = await q.query<{
    meterId: string;
    tenantId: string;
    accountId: string;
    balanceMinor: number;
    creditLimitMinor: number | null;
    protectedSupply: boolean;
    intended: SupplyState['intended'];
    alarmLevel: AlarmLevel;
    policy: Parameters<typeof toStoredPolicy>[0];
    creditOutstandingMinor: number;
    walletOwes: boolean;
  }>(
    `SELECT m.id::text AS "meterId", m.tenant_id::text AS "tenantId", a.id::text AS "accountId", a.balance_minor::float8 AS "balanceMinor",
            a.credit_limit_minor::float8 AS "creditLimitMinor",
            (m.supply_protected AND (m.protected_until IS NULL OR m.protected_until > now())) AS "protectedSupply",
            m.relay_intended AS intended, m.alarm_level AS "alarmLevel",
            (SELECT row_to_json(x) FROM (SELECT ${POLICY_COLUMNS} FROM metering.supply_policy p WHERE p.tenant_id = m.tenant_id) x) AS policy,
            coalesce((SELECT c.outstanding_minor FROM metering.emergency_credit c WHERE c.meter_id = m.id AND c.recovered_minor < c.granted_minor), 0)::float8
              AS "creditOutstandingMinor",
            EXISTS (SELECT 1 FROM metering.emergency_credit c WHERE c.account_id = a.id AND c.recovered_minor < c.granted_minor) AS "walletOwes"
       FROM metering.meter m JOIN ledger.account a ON a.id = m.account_id AND a.tenant_id = m.tenant_id
      WHERE m.id = ANY($1::uuid[]) ORDER BY m.id${lock ? ' FOR UPDATE OF m' : ''}`,
    [ids],
  );
  return rows.map(({ intended, alarmLevel, policy, ...r }) => ({ ...r, state: { intended, alarmLevel }, policy: toStoredPolicy(policy) }));
}

function decide(row: SupplyRow, at: Date): Decision {
  const { actions, state, emergencyCreditMinor, reconnectCause } = decideSupply({
    balanceMinor: row.balanceMinor,
    policy: row.policy.policy,
    state: row.state,
    protectedSupply: row.protectedSupply,
    at,
    holidays: row.policy.holidays,
    emergencyCreditOutstandingMinor: row.creditOutstandingMinor,
  });
  return { row, actions, state, reconnectCause, grantMinor: emergencyCreditMinor };
}

const changes = (d: Decision) =>
  d.grantMinor > 0 || d.actions.length > 0 || d.state.intended !== d.row.state.intended || d.state.alarmLevel !== d.row.state.alarmLevel;

/**
 * Looks at these meters' supply now (`decideSupply`) and writes what is due: each decision once,
 * with the meter's new intended relay and alarm level in the same transaction, its row locked (so
 * two evaluations, in one instance or two, decide a trip once). Emergency credit first: top-ups of
 * a wallet owing it repay their share (`recoverFromTopUps`), then a meter at zero is lent credit
 * where due (`grantEmergencyCredit`), and the relay is decided on the balance after both (a
 * reconnection is judged after the top-up's share went to the debt). Meters nothing is due for are
 * only read. Returns the number of supply events written.
 */
export async function evaluateSupply(db: Database, meterIds: readonly string[], at: () => Date = () => new Date()): Promise<number> {
  let written = 0;
  const ids = [...new Set(meterIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await supplyRows(db, ids.slice(i, i + 500), false);
    const recovering = await walletsToRecover(db, [...new Set(rows.filter((r) => r.walletOwes).map((r) => r.accountId))]);
    const due = rows.filter((r) => recovering.has(r.accountId) || changes(decide(r, at())));
    if (due.length === 0) continue;
    written += await db.transaction(async (tx) => {
      const dueIds = due.map((r) => r.meterId);
      // Read again once locked, in a statement of its own: the locking one read the balances and
      // loans as they were before it waited (another evaluation's recovery, committed meanwhile).
      await supplyRows(tx, dueIds, true);
      let locked = await supplyRows(tx, dueIds, false);
      if (await settleEmergencyCredit(tx, locked, at)) locked = await supplyRows(tx, dueIds, false);
      return writeDecisions(tx, locked.map((r) => decide(r, at())).filter(changes));
    });
  }
  return written;
}

/**
 * Within the evaluation's transaction, its meters locked: repays what top-ups owe the wallets that
 * owe emergency credit, then lends it to each meter it is due to (a wallet's balance carried from
 * one of its meters to the next). Locks loans, then accounts (in id order, as postings do), so it
 * never waits in a circle with a charge or another evaluation. True when a balance moved.
 */
async function settleEmergencyCredit(tx: Queryable, rows: SupplyRow[], at: () => Date): Promise<boolean> {
  const grantable = rows.filter((r) => r.policy.policy.emergencyCreditMinor > 0 && r.state.intended === 'CLOSED' && r.creditOutstandingMinor === 0);
  const owing = [...new Set(rows.filter((r) => r.walletOwes).map((r) => r.accountId))];
  if (owing.length === 0 && !grantable.some((r) => r.balanceMinor <= 0)) return false;
  const credits = await outstandingCredits(tx, owing, true);
  const tenants = [...new Set(rows.map((r) => r.tenantId))];
  const receivables = new Map<string, string>();
  for (const tenantId of tenants) receivables.set(tenantId, await receivableOf(tx, tenantId));
  const walletIds = [...new Set([...owing, ...grantable.map((r) => r.accountId)])];
  const wallets = new Map(
    (
      await tx.query<{ id: string; tenantId: string; balanceMinor: number; creditLimitMinor: number | null }>(
        `SELECT id::text, tenant_id::text AS "tenantId", balance_minor::float8 AS "balanceMinor", credit_limit_minor::float8 AS "creditLimitMinor"
           FROM ledger.account WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
        [[...walletIds, ...receivables.values()]],
      )
    ).map((w) => [w.id, w]),
  );
  const moved = new Set<string>();
  for (const walletId of owing) {
    const wallet = wallets.get(walletId)!;
    const policy = rows.find((r) => r.accountId === walletId)!.policy.policy;
    const repaid = await recoverFromTopUps(
      tx,
      wallet,
      credits.filter((c) => c.accountId === walletId),
      receivables.get(wallet.tenantId)!,
      policy.emergencyRecoverySharePercent,
    );
    if (repaid > 0) {
      wallet.balanceMinor -= repaid;
      moved.add(walletId);
    }
  }
  for (const row of grantable) {
    const wallet = wallets.get(row.accountId)!;
    const { grantMinor } = decide({ ...row, balanceMinor: wallet.balanceMinor }, at());
    if (grantMinor === 0) continue;
    wallet.balanceMinor = await grantEmergencyCredit(tx, {
      tenantId: row.tenantId,
      meterId: row.meterId,
      accountId: row.accountId,
      amountMinor: grantMinor,
      receivableId: receivables.get(row.tenantId)!,
    });
    moved.add(row.accountId);
  }
  await announceBalances(
    tx,
    [...moved].map((id) => wallets.get(id)!),
  );
  return moved.size > 0;
}

async function writeDecisions(tx: Queryable, decisions: Decision[]): Promise<number> {
  if (decisions.length === 0) return 0;
  const events = decisions.flatMap((d) => d.actions.map((action) => ({ ...d.row, action, reason: reasonOf(action, d.reconnectCause) })));
  await tx.query(
    `UPDATE metering.meter m SET relay_intended = u.intended, alarm_level = u.alarm_level
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, intended, alarm_level) WHERE m.id = u.id`,
    [decisions.map((d) => d.row.meterId), decisions.map((d) => d.state.intended), decisions.map((d) => d.state.alarmLevel)],
  );
  if (events.length === 0) return 0;
  await tx.query(
    `INSERT INTO metering.supply_event (tenant_id, meter_id, action, reason, balance_minor)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[])`,
    [events.map((e) => e.tenantId), events.map((e) => e.meterId), events.map((e) => e.action), events.map((e) => e.reason), events.map((e) => e.balanceMinor)],
  );
  await tx.query(`SELECT pg_notify('${SUPPLY_EVENT_CHANNEL}', '')`);
  return events.length;
}
