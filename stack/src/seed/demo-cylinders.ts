import type { CallerContext } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { calendarDayIn, type FillRefusalCode } from '@hearth/platform/domain';
import { bindDevice } from '@hearth/broker';
import type { CylinderServices } from '@hearth/cylinders';
import type { TankServices } from '@hearth/tanks';

/** Why a demo cylinder may not be filled (`OK`: it may), as the filling line's simulator is told. */
export type DemoCylinderCondition = 'OK' | Exclude<FillRefusalCode, 'NOT_FILLABLE_NOW' | 'REGISTRY_UNAVAILABLE' | 'SCALE_NOT_REGISTERED'>;

export interface DemoCylinder {
  /** Null for a tag that is on no registry (a cylinder someone else filled and abandoned). */
  id: string | null;
  tag: string;
  serial: string;
  specCode: string;
  condition: DemoCylinderCondition;
}

export interface DemoCylinders {
  /** The depot's filling line: two scales behind the depot's IoT gateway. */
  fillingScales: { id: string; gatewayId: string }[];
  cylinders: DemoCylinder[];
  /** Stores the depot supplies by transfer (sites of their own). */
  stores: { id: string; name: string }[];
  /** The filling station: the depot's site. */
  fillingStationId: string;
}

/** The company on the demo cylinders' collars; one other company's cylinders turn up now and then. */
export const DEMO_COMPANY = 'DEMO-GAS';
const OTHER_COMPANY = 'RIVER-GAS';
const STORES = [
  { code: 'STORE-HR', name: 'Harbour Road store', address: '40 Harbour Road' },
  { code: 'STORE-MS', name: 'Market Street store', address: '7 Market Street' },
];
/** How many of each refused condition the line meets: at least one of each, as the simulator contract asks. */
const PROBLEMS: [DemoCylinderCondition, number][] = [
  ['INSPECTION_OVERDUE', 3],
  ['PAST_DESIGN_LIFE', 2],
  ['SCRAPPED', 2],
  ['REPORTED_LOST', 1],
  ['FOREIGN_OWNER', 3],
  ['FIXED_TO_OTHER_STATION', 2],
  ['UNREGISTERED', 3],
];
const GOOD = 240;
const MAKERS = ['宁波明峰', '浙江金盾', '山东华星'];

/**
 * The demo's cylinders: the depot is a filling station with two scales, the east station a second
 * one, two stores it supplies; 240 good cylinders (mostly YSP35.5, some YSP10 and YSP50) and a few of
 * every kind the filling interlock must refuse, all registered in one import. Deterministic.
 */
export async function seedDemoCylinders(
  db: Database,
  services: { cylinders: CylinderServices; tanks: TankServices },
  tenantId: string,
  sites: { id: string }[],
  depotGatewayId: string,
  sourceTankId: string | null,
): Promise<DemoCylinders> {
  const by: CallerContext = { tenantId, requestId: 'demo-seed', principal: { kind: 'service', id: 'demo-seed' }, scopes: [] };
  const [depot, station] = sites as [{ id: string }, { id: string }];
  const { registry } = services.cylinders;
  await registry.stations.saveStation(by, { siteId: depot.id, company: DEMO_COMPANY, sourceTankId });
  await registry.stations.saveStation(by, { siteId: station.id, company: DEMO_COMPANY });
  const fillingScales: DemoCylinders['fillingScales'] = [];
  for (const [i, name] of ['Line 1 scale A', 'Line 1 scale B'].entries()) {
    const id = `depot-scale-${i + 1}`;
    await registry.stations.registerScale(by, { id, stationId: depot.id, name });
    await bindDevice(db, { kind: 'scale', id, tenantId, gatewayId: depotGatewayId });
    fillingScales.push({ id, gatewayId: depotGatewayId });
  }
  const stores: DemoCylinders['stores'] = [];
  for (const store of STORES) stores.push(await services.tanks.sites.create(tenantId, store));

  const today = calendarDayIn(new Date());
  const monthsAgo = (m: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - m);
    return d.toISOString().slice(0, 10);
  };
  const planned: (DemoCylinder & { row: Record<string, unknown> | null })[] = [];
  const add = (condition: DemoCylinderCondition, n: number) => {
    const serial = `DG${String(24_000 + n).padStart(6, '0')}`;
    const tag = `E2801170${String(n).padStart(8, '0')}`;
    const specCode = condition !== 'OK' ? 'YSP35.5' : n % 20 === 0 ? 'YSP50' : n % 7 === 0 ? 'YSP10' : 'YSP35.5';
    const row: Record<string, unknown> = {
      serial,
      tag,
      specCode,
      manufacturer: MAKERS[n % MAKERS.length],
      // Made within the last 44 months: inside its 4-year inspection period.
      manufacturedOn: monthsAgo(1 + (n % 44)),
      ownerCompany: DEMO_COMPANY,
      locationSiteId: depot.id,
    };
    if (condition === 'INSPECTION_OVERDUE') Object.assign(row, { manufacturedOn: monthsAgo(60), nextInspectionDue: monthsAgo(1) });
    if (condition === 'PAST_DESIGN_LIFE') Object.assign(row, { manufacturedOn: monthsAgo(110), designLifeYears: 8, lastInspectedOn: monthsAgo(6) });
    if (condition === 'FOREIGN_OWNER') row.ownerCompany = OTHER_COMPANY;
    if (condition === 'FIXED_TO_OTHER_STATION') row.fixedStationId = station.id;
    planned.push({ id: null, tag, serial, specCode, condition, row: condition === 'UNREGISTERED' ? null : row });
  };
  for (let i = 0; i < GOOD; i++) add('OK', i + 1);
  let n = GOOD;
  for (const [condition, count] of PROBLEMS) for (let i = 0; i < count; i++) add(condition, ++n);
  // The good ones and the troubled ones take turns on the line.
  const imported = await registry.importCylinders(
    by,
    planned.flatMap((p) => (p.row ? [p.row] : [])),
  );
  if (imported.imported === 0) throw new Error(`The demo cylinders were refused: ${JSON.stringify(imported.problems.slice(0, 5))}`);
  const ids = new Map(
    (
      await db.query<{ id: string; serial: string }>(`SELECT id::text, serial FROM cylinders.cylinder WHERE tenant_id = $1 AND serial = ANY($2::text[])`, [
        tenantId,
        planned.map((p) => p.serial),
      ])
    ).map((r) => [r.serial, r.id]),
  );
  const cylinders = planned.map(({ row: _row, ...p }) => ({ ...p, id: ids.get(p.serial) ?? null }));
  for (const c of cylinders) {
    if (c.condition === 'SCRAPPED') await registry.moves.scrap(by, c.id!, 'Dented at the foot ring (demo)');
    if (c.condition === 'REPORTED_LOST') await registry.moves.reportLost(by, c.id!, 'Not returned by a customer who moved away (demo)');
  }
  return { fillingScales, cylinders, stores, fillingStationId: depot.id };
}
