import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { bindDevice, provisionGateway, takenGatewayIds } from '@hearth/broker';
import { createApiKey, seedIdentity, identityMigrations } from '@hearth/gateway';
import type { CustomerServices } from '@hearth/customers';
import type { CylinderServices } from '@hearth/cylinders';
import type { FuelingServices } from '@hearth/fueling';
import type { MeteringServices } from '@hearth/metering';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import type { SimulatedTank, TankScenario } from '@hearth/edge';
import type { TankServices } from '@hearth/tanks';
import { bulletStrapping, levelAtVolume } from './bullet-strapping';
import { seedDemoCustomers, type DemoCustomer } from './demo-customers';
import { seedDemoCylinders, type DemoCylinders } from './demo-cylinders';
import { seedDemoFueling, type DemoFueling } from './demo-fueling';
import { seedDemoMetering, type DemoMetering } from './demo-metering';

export interface DemoData extends DemoCylinders, DemoFueling, DemoMetering {
  tenantId: string;
  /** The demo company's admin (console login). */
  admin: { email: string; password: string };
  /** A key with read scopes on every domain, for trying the API as a third party. */
  apiKey: string;
  /** The first of `gateways` (the depot's). */
  gateway: { id: string; secret: string };
  /** Every demo IoT gateway: the MQTT user name and password each publishes with. */
  gateways: { id: string; secret: string }[];
  sites: { id: string; name: string }[];
  tanks: { id: string; name: string; site: string; scenario: TankScenario; heightMm: number; highHighMm: number; gatewayId: string }[];
  /** Gas-leak detectors, each with the shut-off valve its second alarm level closes. */
  detectors: { id: string; name: string; site: string; valveId: string; gatewayId: string }[];
  valves: { id: string; name: string; gatewayId: string }[];
  /** 50 customers of each type, each with its wallet account. */
  customers: DemoCustomer[];
  /** A payment partner's key: reads customers and tops their wallets up (`customers:read`, `customers:write`). */
  partnerApiKey: string;
  /**
   * The forecourt controllers' key (`fueling:read`, `fueling:write` and nothing else): a station reads
   * its card lists and confirms the version it applied with it.
   */
  forecourtApiKey: string;
}

/** The domain services the demo seeds through (their rules, audit and ledger apply to demo data too). */
export interface DemoServices {
  tanks: TankServices;
  customers: CustomerServices;
  cylinders: CylinderServices;
  fueling: FuelingServices;
  metering: MeteringServices;
}

/** What the demo needs of the twins service: setting a detector's levels and valve (its settings live in the twins). */
export type ConfigureDetector = (
  tenantId: string,
  detectorId: string,
  settings: { valveId: string; siteId: string; industrial: boolean; firstLel: number; secondLel: number },
) => Promise<unknown>;

/** The detectors and valves at the two sites: an industrial pair at the depot, a station pair behind the second gateway. */
const SAFETY: { site: 0 | 1; detector: string; valve: string; industrial: boolean; firstLel: number; secondLel: number }[] = [
  { site: 0, detector: 'Bullet row gas detector', valve: 'Bullet row emergency shut-off', industrial: true, firstLel: 20, secondLel: 40 },
  { site: 1, detector: 'Dispenser island gas detector', valve: 'Station supply shut-off', industrial: true, firstLel: 20, secondLel: 50 },
  { site: 1, detector: 'Station kiosk gas detector', valve: 'Kiosk kitchen gas valve', industrial: false, firstLel: 20, secondLel: 50 },
];

const DEMO_GATEWAY = 'demo-gw-1';
const STATION_GATEWAY = 'demo-gw-2';
const TANKS: { site: 0 | 1; name: string; scenario: TankScenario; diameterMm: number; lengthMm: number }[] = [
  { site: 0, name: 'Bullet A1', scenario: 'filling', diameterMm: 2500, lengthMm: 10_200 },
  { site: 0, name: 'Bullet A2', scenario: 'delivery', diameterMm: 2500, lengthMm: 10_200 },
  { site: 0, name: 'Bullet A3', scenario: 'draining', diameterMm: 3200, lengthMm: 12_500 },
  { site: 1, name: 'Station tank B1', scenario: 'leak', diameterMm: 1900, lengthMm: 7_000 },
  { site: 1, name: 'Station tank B2', scenario: 'overfill', diameterMm: 1900, lengthMm: 7_000 },
  { site: 1, name: 'Station tank B3', scenario: 'steady', diameterMm: 1900, lengthMm: 7_000 },
];

/**
 * The demo company: two sites, six LPG tanks with strapping tables and alarm levels, one IoT
 * gateway bound to them. Seeded once; the gateway secret is only stored hashed, so it is
 * kept in `<data dir>/demo.json` for the simulator and for people trying the stack.
 */
export async function seedDemo(
  db: Database,
  services: DemoServices,
  tenantId: string,
  dataDir: string,
  configureDetector: ConfigureDetector,
  /** The demo's size where it may be smaller (tests): the mall's shops (default 200). */
  size: { mallShops?: number } = {},
): Promise<DemoData> {
  const { tanks } = services;
  const file = join(dataDir, 'demo.json');
  const existing = await readFile(file, 'utf8').then(
    (t) => JSON.parse(t) as DemoData,
    () => null,
  );
  const seeded = [...(await takenGatewayIds(db, [DEMO_GATEWAY]))];
  await migrate(db, 'identity', await loadMigrations(identityMigrations));
  if (existing && seeded.length > 0) {
    if (existing.admin && existing.detectors && existing.customers && existing.cylinders && existing.pumps && existing.forecourtApiKey && existing.meters)
      return existing;
    // A data dir from an earlier version: give it what it lacks (identity, detectors and valves) once.
    let upgraded = existing.admin ? existing : { ...existing, ...(await seedDemoIdentity(db, tenantId)) };
    if (!upgraded.detectors) {
      const tanksBound = upgraded.tanks.map((t) => ({ ...t, gatewayId: upgraded.gateway.id }));
      upgraded = { ...upgraded, tanks: tanksBound, ...(await seedSafety(db, tenantId, upgraded.gateway, upgraded.sites, configureDetector)) };
    }
    if (!upgraded.customers) upgraded = { ...upgraded, ...(await seedCustomers(db, services.customers, tenantId, upgraded.sites)) };
    if (!upgraded.cylinders) upgraded = { ...upgraded, ...(await seedCylinders(db, services, tenantId, upgraded)) };
    if (!upgraded.pumps) upgraded = { ...upgraded, ...(await seedDemoFueling(db, services, tenantId, upgraded.customers)) };
    if (!upgraded.forecourtApiKey) upgraded = { ...upgraded, forecourtApiKey: await seedForecourtKey(db, tenantId) };
    if (!upgraded.meters) upgraded = { ...upgraded, ...(await seedDemoMetering(db, services, tenantId, upgraded.customers, size.mallShops)) };
    await writeFile(file, JSON.stringify(upgraded, null, 2) + '\n', { mode: 0o600 });
    return upgraded;
  }
  if (seeded.length > 0) throw new Error(`The database is seeded but ${file} is missing; remove ${dataDir} to start over.`);

  const sites = [
    await tanks.sites.create(tenantId, { code: 'DEPOT-N', name: 'North supply depot', address: '88 Harbour Road' }),
    await tanks.sites.create(tenantId, { code: 'STN-E', name: 'East filling station', address: '12 Ring Road East' }),
  ];
  const gateway = await provisionGateway(db, { id: DEMO_GATEWAY, tenantId, name: 'Demo depot gateway' });
  const created: DemoData['tanks'] = [];
  for (const spec of TANKS) {
    const h = spec.diameterMm;
    const points = bulletStrapping(h, spec.lengthMm);
    const capacityLiters = points.at(-1)!.volumeLiters;
    // Set points from volume, as an LPG operator sets them: HH at the 85 % maximum fill, H at 80 %, L 20 %, LL 10 %.
    const at = (fraction: number) => round(levelAtVolume(points, fraction * capacityLiters));
    const levels = { highHighMm: at(0.85), highMm: at(0.8), lowMm: at(0.2), lowLowMm: at(0.1), deadbandMm: 15 };
    const site = sites[spec.site]!;
    const tank = await tanks.tanks.create(tenantId, {
      siteId: site.id,
      name: spec.name,
      product: 'LPG',
      capacityLiters,
      densityKgPerL: 0.51,
      alarmLevels: levels,
    });
    await tanks.strapping.add(tenantId, tank.id, { points, note: 'Demo: computed for a flat-ended horizontal cylinder' });
    await bindDevice(db, { kind: 'tank', id: tank.id, tenantId, gatewayId: gateway.id });
    created.push({ id: tank.id, name: spec.name, site: site.name, scenario: spec.scenario, heightMm: h, highHighMm: levels.highHighMm, gatewayId: gateway.id });
  }
  const depot = { id: gateway.id, secret: gateway.secret };
  const siteList = sites.map((s) => ({ id: s.id, name: s.name }));
  const base = {
    tenantId,
    ...(await seedDemoIdentity(db, tenantId)),
    gateway: depot,
    sites: siteList,
    tanks: created,
    ...(await seedSafety(db, tenantId, depot, siteList, configureDetector)),
    ...(await seedCustomers(db, services.customers, tenantId, siteList)),
  };
  const demo: DemoData = {
    ...base,
    ...(await seedCylinders(db, services, tenantId, base)),
    ...(await seedDemoFueling(db, services, tenantId, base.customers)),
    forecourtApiKey: await seedForecourtKey(db, tenantId),
    ...(await seedDemoMetering(db, services, tenantId, base.customers, size.mallShops)),
  };
  // On a database server nothing else has made the data dir yet.
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(demo, null, 2) + '\n', { mode: 0o600 });
  return demo;
}

/**
 * Gas safety at the demo sites: a second IoT gateway at the station, and detectors each bound to a
 * shut-off valve behind the same gateway (ids are UUIDs, as the asset ids of a domain would be).
 */
async function seedSafety(
  db: Database,
  tenantId: string,
  depot: { id: string; secret: string },
  sites: { id: string; name: string }[],
  configureDetector: ConfigureDetector,
): Promise<Pick<DemoData, 'gateways' | 'detectors' | 'valves'>> {
  const station = await provisionGateway(db, { id: STATION_GATEWAY, tenantId, name: 'Demo station gateway' });
  const gatewayOf = (site: 0 | 1) => (site === 0 ? depot.id : station.id);
  const detectors: DemoData['detectors'] = [];
  const valves: DemoData['valves'] = [];
  for (const spec of SAFETY) {
    const gatewayId = gatewayOf(spec.site);
    const valve = { id: randomUUID(), name: spec.valve, gatewayId };
    const detector = { id: randomUUID(), name: spec.detector, site: sites[spec.site]!.name, valveId: valve.id, gatewayId };
    await bindDevice(db, { kind: 'valve', id: valve.id, tenantId, gatewayId });
    await bindDevice(db, { kind: 'detector', id: detector.id, tenantId, gatewayId });
    await configureDetector(tenantId, detector.id, {
      valveId: valve.id,
      siteId: sites[spec.site]!.id,
      industrial: spec.industrial,
      firstLel: spec.firstLel,
      secondLel: spec.secondLel,
    });
    valves.push(valve);
    detectors.push(detector);
  }
  return { gateways: [depot, { id: station.id, secret: station.secret }], detectors, valves };
}

/** The demo customers (served from the demo sites) and a payment partner's key to top their wallets up with. */
async function seedCustomers(
  db: Database,
  customers: CustomerServices,
  tenantId: string,
  sites: { id: string }[],
): Promise<Pick<DemoData, 'customers' | 'partnerApiKey'>> {
  const partner = await createApiKey(db, tenantId, { name: 'Demo payment partner', scopes: ['customers:read', 'customers:write'] }, 'system');
  return {
    customers: await seedDemoCustomers(
      customers,
      tenantId,
      sites.map((s) => s.id),
    ),
    partnerApiKey: partner.secret,
  };
}

/** The forecourt controllers' key: fueling only, as a station's controller would be given (no customer data, no other domain). */
async function seedForecourtKey(db: Database, tenantId: string): Promise<string> {
  const key = await createApiKey(db, tenantId, { name: 'Demo forecourt controllers', scopes: ['fueling:read', 'fueling:write'] }, 'system');
  return key.secret;
}

/** The depot fills cylinders from its draining bullet (the tank its shift's fills reconcile against). */
const seedCylinders = (db: Database, services: DemoServices, tenantId: string, demo: Pick<DemoData, 'sites' | 'gateway' | 'tanks'>) =>
  seedDemoCylinders(db, services, tenantId, demo.sites, demo.gateway.id, demo.tanks.find((t) => t.scenario === 'draining')?.id ?? null);

/** The demo company's tenant, an admin with a fresh random password, and a read-everything API key. */
function seedDemoIdentity(db: Database, tenantId: string) {
  const password = randomBytes(12).toString('base64url');
  return seedIdentity(db, { id: tenantId, name: 'Demo Gas Co.' }, { email: 'admin@demo.hearth.local', name: 'Demo admin', password });
}

/** Where each demo tank starts and how it moves in the simulator. */
export const simulatedTanks = (demo: DemoData): SimulatedTank[] =>
  demo.tanks.map((t) => ({
    id: t.id,
    scenario: t.scenario,
    heightMm: t.heightMm,
    highHighMm: t.highHighMm,
    start: t.scenario === 'overfill' ? 0.65 : t.scenario === 'draining' ? 0.6 : 0.45,
  }));

const round = (v: number) => Math.round(v);
