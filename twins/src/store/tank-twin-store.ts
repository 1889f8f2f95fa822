import type { BulkQueryable, Queryable } from '@hearth/platform/db';
import type { TankDesired } from '../model/tank-desired';
import type { TankTwinState } from '../model/tank-twin';
import { loadOpenAlarms } from './open-alarms';

/**
 * Twin state is stored as columns (migration 0010): an upsert of thousands of twins per batch
 * and a restore of a million are then plain numbers, not JSON documents to write and parse.
 * Times travel as epoch milliseconds (double precision): a number is cheaper to read back than
 * a timestamp's text, and twins keep milliseconds anyway (JavaScript dates).
 */
const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::double precision`;

const SELECT_TWINS = `SELECT tank_id, tenant_id, gateway_id, level_mm, temperature_c, pressure_kpa, water_level_mm, inlet_valve_open, high_high_setpoint_mm,
       ${ms('reported_at')}, volume_liters, volume_at_reference_liters, fill_percent, mass_kg, level_out_of_range,
       online, stale, ${ms('last_seen_at')}, last_seq::double precision, version,
       desired_inlet_valve_open, desired_inlet_valve_command_id, ${ms('desired_inlet_valve_at')},
       desired_high_high_setpoint_mm, desired_high_high_setpoint_command_id, ${ms('desired_high_high_setpoint_at')}
  FROM twins.tank_twin_state`;

type N = number | null;
type TwinRow = [
  tankId: string,
  tenantId: string,
  gatewayId: string | null,
  levelMm: N,
  temperatureC: N,
  pressureKPa: N,
  waterLevelMm: N,
  inletValveOpen: boolean | null,
  highHighSetpointMm: N,
  reportedAt: N,
  volumeLiters: N,
  volumeAtReferenceLiters: N,
  fillPercent: N,
  massKg: N,
  levelOutOfRange: 'below' | 'above' | null,
  online: boolean,
  stale: boolean,
  lastSeenAt: N,
  lastSeq: N,
  version: number,
  desiredValve: boolean | null,
  desiredValveCommandId: string | null,
  desiredValveAt: N,
  desiredSetpoint: N,
  desiredSetpointCommandId: string | null,
  desiredSetpointAt: N,
];

const date = (epochMs: N) => (epochMs === null ? null : new Date(epochMs));

/**
 * Restores every tank twin with its open alarms (service start), handing each to `each` as it
 * is read: rows come back as arrays (no object with 26 keys per row) and no list of a million
 * twins is built.
 */
export async function loadTankTwins(db: BulkQueryable, each: (twin: TankTwinState) => void): Promise<number> {
  const alarms = await loadOpenAlarms(db, 'tank');
  const rows = await db.queryArrays<TwinRow>(SELECT_TWINS);
  for (const r of rows) each(twinOfRow(r, alarms.get(r[0]) ?? []));
  return rows.length;
}

function twinOfRow(r: TwinRow, alarms: TankTwinState['alarms']): TankTwinState {
  const desired: TankDesired = {};
  if (r[20] !== null) desired.inletValveOpen = { value: r[20], commandId: r[21]!, at: new Date(r[22]!) };
  if (r[23] !== null) desired.highHighSetpointMm = { value: r[23], commandId: r[24]!, at: new Date(r[25]!) };
  return {
    tankId: r[0],
    tenantId: r[1],
    gatewayId: r[2],
    reported: { levelMm: r[3], temperatureC: r[4], pressureKPa: r[5], waterLevelMm: r[6], inletValveOpen: r[7], highHighSetpointMm: r[8] },
    reportedAt: date(r[9]),
    derived: { volumeLiters: r[10], volumeAtReferenceLiters: r[11], fillPercent: r[12], massKg: r[13], levelOutOfRange: r[14] },
    desired,
    online: r[15],
    stale: r[16],
    lastSeenAt: date(r[17]),
    lastSeq: r[18],
    version: r[19],
    alarms,
  };
}

/** The columns `saveTankTwins` writes, in the order of its arrays, with their types. */
const COLUMNS: [name: string, type: string, value: (t: TankTwinState) => unknown][] = [
  ['tank_id', 'uuid', (t) => t.tankId],
  ['tenant_id', 'uuid', (t) => t.tenantId],
  ['gateway_id', 'text', (t) => t.gatewayId],
  ['level_mm', 'float8', (t) => t.reported.levelMm],
  ['temperature_c', 'float8', (t) => t.reported.temperatureC],
  ['pressure_kpa', 'float8', (t) => t.reported.pressureKPa],
  ['water_level_mm', 'float8', (t) => t.reported.waterLevelMm],
  ['inlet_valve_open', 'boolean', (t) => t.reported.inletValveOpen],
  ['high_high_setpoint_mm', 'float8', (t) => t.reported.highHighSetpointMm],
  ['reported_at', 'timestamptz', (t) => t.reportedAt],
  ['volume_liters', 'float8', (t) => t.derived.volumeLiters],
  ['volume_at_reference_liters', 'float8', (t) => t.derived.volumeAtReferenceLiters],
  ['fill_percent', 'float8', (t) => t.derived.fillPercent],
  ['mass_kg', 'float8', (t) => t.derived.massKg],
  ['level_out_of_range', 'text', (t) => t.derived.levelOutOfRange],
  ['desired_inlet_valve_open', 'boolean', (t) => t.desired.inletValveOpen?.value ?? null],
  ['desired_inlet_valve_command_id', 'uuid', (t) => t.desired.inletValveOpen?.commandId ?? null],
  ['desired_inlet_valve_at', 'timestamptz', (t) => t.desired.inletValveOpen?.at ?? null],
  ['desired_high_high_setpoint_mm', 'float8', (t) => t.desired.highHighSetpointMm?.value ?? null],
  ['desired_high_high_setpoint_command_id', 'uuid', (t) => t.desired.highHighSetpointMm?.commandId ?? null],
  ['desired_high_high_setpoint_at', 'timestamptz', (t) => t.desired.highHighSetpointMm?.at ?? null],
  ['online', 'boolean', (t) => t.online],
  ['stale', 'boolean', (t) => t.stale],
  ['last_seen_at', 'timestamptz', (t) => t.lastSeenAt],
  ['last_seq', 'bigint', (t) => t.lastSeq],
  ['version', 'int', (t) => t.version],
];

const names = COLUMNS.map(([name]) => name);
const UPSERT = `INSERT INTO twins.tank_twin_state (${names.join(', ')}, updated_at)
SELECT *, now() FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
ON CONFLICT (tank_id) DO UPDATE SET ${names
  .filter((n) => n !== 'tank_id' && n !== 'tenant_id')
  .map((n) => `${n} = EXCLUDED.${n}`)
  .join(', ')}, updated_at = now()`;

/** Upserts the latest state of the given twins in one set-based statement, one array per column. */
export async function saveTankTwins(tx: Queryable, twins: TankTwinState[]): Promise<void> {
  if (twins.length === 0) return;
  await tx.query(
    UPSERT,
    COLUMNS.map(([, , value]) => twins.map(value)),
  );
}
