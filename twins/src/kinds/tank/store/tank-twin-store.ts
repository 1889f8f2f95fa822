import type { BulkQueryable, Queryable } from '@hearth/platform/db';
import type { OpenAlarm } from '../../../model/alarm';
import type { TankDesired } from '../model/tank-desired';
import type { TankTwinState } from '../model/tank-twin';
import { twinNumbers, type PackedTwin, type TwinNumber } from '../model/tank-twin-columns';
import { loadOpenAlarms } from '../../../store/open-alarms';

/**
 * Twin state is stored as columns (migration 0010): an upsert of thousands of twins per batch
 * and a restore of a million are then plain numbers, not JSON documents to write and parse.
 */

/**
 * What a restore reads of each numeric field, in `twinNumbers` order. Times as epoch
 * milliseconds: a double is cheaper to carry than a timestamp's text (and `date_part` far cheaper
 * than `extract`, which computes in numeric).
 */
const numberColumns: Record<TwinNumber, string> = {
  levelMm: 'level_mm',
  temperatureC: 'temperature_c',
  pressureKPa: 'pressure_kpa',
  waterLevelMm: 'water_level_mm',
  highHighSetpointMm: 'high_high_setpoint_mm',
  volumeLiters: 'volume_liters',
  volumeAtReferenceLiters: 'volume_at_reference_liters',
  fillPercent: 'fill_percent',
  massKg: 'mass_kg',
  reportedAt: `date_part('epoch', reported_at) * 1000`,
  lastSeenAt: `date_part('epoch', last_seen_at) * 1000`,
  lastSeq: 'last_seq::double precision',
  lastBoot: 'last_boot::double precision',
};

/**
 * The numbers of a row travel as one value, their IEEE doubles in hex (NULL as NaN): one value
 * to format, send, decode and parse instead of twelve, which is most of what a restore of a
 * million rows costs (the database's and PGlite's work per value).
 */
const packedNumbers = `encode(${twinNumbers.map((n) => `float8send(coalesce(${numberColumns[n]}, 'NaN'))`).join(' || ')}, 'hex')`;

const SELECT_TWINS = `SELECT tank_id, tenant_id, gateway_id, ${packedNumbers}, inlet_valve_open, level_out_of_range, online, stale, version,
       desired_inlet_valve_open, desired_inlet_valve_command_id, date_part('epoch', desired_inlet_valve_at) * 1000,
       desired_high_high_setpoint_mm, desired_high_high_setpoint_command_id, date_part('epoch', desired_high_high_setpoint_at) * 1000
  FROM twins.tank_twin_state
 WHERE ctid >= format('(%s,0)', $1::bigint)::tid AND ctid < format('(%s,0)', $2::bigint)::tid`;

/**
 * Table pages read per statement: a million twins in one result would hold every row's message,
 * values and row array at once (gigabytes, most of a restore's time spent collecting them); a
 * range of pages is read in table order (a TID range scan), each page once.
 */
const PAGES_PER_READ = 2048;

type TwinRow = [
  tankId: string,
  tenantId: string,
  gatewayId: string | null,
  numbers: string,
  inletValveOpen: boolean | null,
  levelOutOfRange: 'below' | 'above' | null,
  online: boolean,
  stale: boolean,
  version: number,
  desiredValve: boolean | null,
  desiredValveCommandId: string | null,
  desiredValveAt: number | null,
  desiredSetpoint: number | null,
  desiredSetpointCommandId: string | null,
  desiredSetpointAt: number | null,
];

/**
 * Restores every tank twin with its open alarms (service start), handing each to `each` as it
 * is read: rows as arrays, a range of table pages at a time, no list of a million twins. It runs
 * before the service takes a message: nothing moves rows between ranges meanwhile.
 */
export async function loadTankTwins(db: BulkQueryable, each: (twin: PackedTwin, alarms: OpenAlarm[]) => void, pagesPerRead = PAGES_PER_READ): Promise<number> {
  const alarms = await loadOpenAlarms(db, 'tank');
  const [[pages]] = (await db.queryArrays<[number]>(`SELECT (pg_relation_size('twins.tank_twin_state') / current_setting('block_size')::int)::float8`)) as [
    [number],
  ];
  let count = 0;
  for (let from = 0; from < pages; from += pagesPerRead) {
    const rows = await db.queryArrays<TwinRow>(SELECT_TWINS, [from, from + pagesPerRead]);
    for (const r of rows) each(packedOfRow(r), alarms.get(r[0]) ?? []);
    count += rows.length;
  }
  return count;
}

function packedOfRow(r: TwinRow): PackedTwin {
  const bytes = Buffer.from(r[3], 'hex');
  const desired: TankDesired = {};
  // Whole milliseconds, as they were written (date_part's seconds are doubles).
  if (r[9] !== null) desired.inletValveOpen = { value: r[9], commandId: r[10]!, at: new Date(Math.round(r[11]!)) };
  if (r[12] !== null) desired.highHighSetpointMm = { value: r[12], commandId: r[13]!, at: new Date(Math.round(r[14]!)) };
  return {
    tankId: r[0],
    tenantId: r[1],
    gatewayId: r[2],
    numbers: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    inletValveOpen: r[4],
    levelOutOfRange: r[5],
    online: r[6],
    stale: r[7],
    version: r[8],
    desired,
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
  ['last_boot', 'bigint', (t) => t.lastBoot],
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
