import type { CallerContext } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { bindDevice, provisionGateway } from '@hearth/broker';
import { ContractBilling, ContractPayment, type CustomerServices } from '@hearth/customers';
import { FuelCardFunding, FuelCardKind, CardLimitPeriod, type FuelingServices } from '@hearth/fueling';
import type { TankServices } from '@hearth/tanks';
import { bulletStrapping, levelAtVolume } from './bullet-strapping';
import type { DemoCustomer } from './demo-customers';

export interface DemoFueling {
  /** The two fuel stations, each behind an IoT gateway of its own (the forecourt controller). */
  fuelStations: { id: string; name: string; gatewayId: string }[];
  /** Eight pumps, four per station, each with a 92# and a 95# or 0# nozzle. */
  pumps: { id: string; stationId: string; gatewayId: string; nozzles: { number: number; gradeCode: string }[] }[];
  /** A few hundred cards: one for each servable demo customer, anonymous cards, two fleets of sub-cards. */
  fuelCards: { id: string; cardNumber: string; accountId: string; kind: string }[];
  /** The forecourt gateways' MQTT credentials. */
  fuelGateways: { id: string; secret: string }[];
  /**
   * Each station's underground tanks (tanks of the tanks subgraph, one per grade its nozzles sell),
   * gauged behind the station's gateway: the forecourt's automatic tank gauge reports their levels,
   * and wet-stock reconciliation sets their measured drop against the litres sold.
   */
  fuelTanks: { id: string; stationId: string; gradeCode: string; gatewayId: string; heightMm: number; capacityLiters: number }[];
}

/** An underground tank of 30 m³: a 2.5 m horizontal cylinder, as most Chinese forecourts bury (GB 50156). */
const UNDERGROUND = { diameterMm: 2_500, lengthMm: 6_200 };

/** The strapping table every demo fuel tank is seeded with: the forecourts' gauges level their litres by the same one. */
export const fuelTankStrapping = () => bulletStrapping(UNDERGROUND.diameterMm, UNDERGROUND.lengthMm);

const STATIONS = [
  { code: 'FUEL-RS', name: 'Riverside fuel station', address: '3 Riverside Avenue', latitude: 23.129, longitude: 113.264, gateway: 'demo-fuel-gw-1' },
  { code: 'FUEL-AR', name: 'Airport Road fuel station', address: '210 Airport Road', latitude: 23.392, longitude: 113.299, gateway: 'demo-fuel-gw-2' },
];
/** National guide prices as a company would post them, fen per litre (92#, 95#, 98# gasoline, 0# diesel, LPG autogas). */
const PRICES: [string, number][] = [
  ['92#', 745],
  ['95#', 793],
  ['98#', 883],
  ['0#', 712],
  ['LPG', 520],
];
const ANONYMOUS_CARDS = 60;
const FLEETS = [
  { customer: 'COMMERCIAL', subCards: 12, dayLimitMinor: 80_000, creditLimitMinor: 5_000_000 },
  { customer: 'INDUSTRIAL', subCards: 12, dayLimitMinor: 150_000, creditLimitMinor: 10_000_000 },
] as const;

/**
 * The demo's fuel stations (seed 001): two stations with four pumps each, company prices, a card
 * for every servable customer (paying from their wallet), anonymous stored-value cards, and two
 * companies' fleets (a master card on credit with limited sub-cards). Deterministic card numbers.
 */
export async function seedDemoFueling(
  db: Database,
  services: { fueling: FuelingServices; tanks: TankServices; customers: CustomerServices },
  tenantId: string,
  customers: DemoCustomer[],
): Promise<DemoFueling> {
  const by: CallerContext = { tenantId, requestId: 'demo-seed', principal: { kind: 'service', id: 'demo-seed' }, scopes: [] };
  const { stations, pumps, prices } = services.fueling.stations;
  const fuelStations: DemoFueling['fuelStations'] = [];
  const fuelGateways: DemoFueling['fuelGateways'] = [];
  const seededPumps: DemoFueling['pumps'] = [];
  const fuelTanks: DemoFueling['fuelTanks'] = [];
  for (const [s, spec] of STATIONS.entries()) {
    const site = await services.tanks.sites.create(tenantId, { code: spec.code, name: spec.name, address: spec.address });
    await stations.save(by, { siteId: site.id, latitude: spec.latitude, longitude: spec.longitude, offlineCardWindowMinutes: 60 });
    const gateway = await provisionGateway(db, { id: spec.gateway, tenantId, name: `${spec.name} forecourt controller` });
    fuelGateways.push({ id: gateway.id, secret: gateway.secret });
    fuelStations.push({ id: site.id, name: spec.name, gatewayId: gateway.id });
    const tankOf = new Map<string, string>();
    for (const gradeCode of ['92#', '95#', '0#']) {
      const points = fuelTankStrapping();
      const capacityLiters = points.at(-1)!.volumeLiters;
      // Set points from volume: HH at 95 % (an underground tank's overfill valve), L at 15 %, LL at 10 %.
      const at = (fraction: number) => Math.round(levelAtVolume(points, fraction * capacityLiters));
      const tank = await services.tanks.tanks.create(tenantId, {
        siteId: site.id,
        name: `Tank ${gradeCode}`,
        product: gradeCode === '0#' ? 'DIESEL 0#' : `GASOLINE ${gradeCode}`,
        capacityLiters,
        // Liquid fuels fill to the tank's overfill valve, not LPG's 85 %; densities and expansion at 15 °C (API MPMS ch. 11.1).
        maxFillPercent: 95,
        densityKgPerL: gradeCode === '0#' ? 0.84 : 0.74,
        thermalExpansionPerK: gradeCode === '0#' ? 0.00083 : 0.0012,
        alarmLevels: { highHighMm: at(0.95), highMm: at(0.9), lowMm: at(0.15), lowLowMm: at(0.1), deadbandMm: 15 },
      });
      await services.tanks.strapping.add(tenantId, tank.id, { points, note: 'Demo: a flat-ended horizontal underground tank' });
      await bindDevice(db, { kind: 'tank', id: tank.id, tenantId, gatewayId: gateway.id });
      tankOf.set(gradeCode, tank.id);
      fuelTanks.push({ id: tank.id, stationId: site.id, gradeCode, gatewayId: gateway.id, heightMm: UNDERGROUND.diameterMm, capacityLiters });
    }
    for (let p = 1; p <= 4; p++) {
      const id = `fuel-pump-${s * 4 + p}`;
      const grades = ['92#', p % 2 ? '95#' : '0#'];
      const nozzles = grades.map((gradeCode, n) => ({ number: n + 1, gradeCode, tankId: tankOf.get(gradeCode)! }));
      await pumps.register(by, { id, stationId: site.id, dispenser: String(Math.ceil(p / 2)), name: `Pump ${p}`, nozzles });
      await bindDevice(db, { kind: 'pump', id, tenantId, gatewayId: gateway.id });
      seededPumps.push({ id, stationId: site.id, gatewayId: gateway.id, nozzles: nozzles.map(({ number, gradeCode }) => ({ number, gradeCode })) });
    }
  }
  for (const [gradeCode, unitPriceMinor] of PRICES) await prices.set(by, { gradeCode, unitPriceMinor });

  const { cards } = services.fueling.cards;
  const fuelCards: DemoFueling['fuelCards'] = [];
  let serial = 1;
  const number = () => `9100${String(serial++).padStart(12, '0')}`;
  const issue = async (input: Parameters<typeof cards.issue>[1]) => {
    const card = await cards.issue(by, input);
    fuelCards.push({ id: card.id, cardNumber: card.cardNumber, accountId: card.accountId, kind: card.kind });
    return card;
  };
  const servable = customers.filter((c) => !c.blacklisted);
  for (const customer of servable) await issue({ cardNumber: number(), kind: FuelCardKind.NAMED, customerId: customer.id });
  for (let i = 0; i < ANONYMOUS_CARDS; i++) await issue({ cardNumber: number(), kind: FuelCardKind.ANONYMOUS });
  for (const [f, fleet] of FLEETS.entries()) {
    const company = servable.filter((c) => c.type === fleet.customer)[f];
    if (!company) continue;
    // A fleet buys on credit under its contract (the contract sets its wallet's credit limit).
    await services.customers.contracts.record(by, company.id, {
      number: `FLEET-${f + 1}`,
      validFrom: '2026-01-01',
      validUntil: '2030-12-31',
      payment: ContractPayment.CREDIT,
      creditLimitMinor: fleet.creditLimitMinor,
      billing: ContractBilling.BY_FLOW,
    });
    const master = await issue({ cardNumber: number(), kind: FuelCardKind.MASTER, funding: FuelCardFunding.CREDIT, customerId: company.id });
    for (let i = 0; i < fleet.subCards; i++)
      await issue({
        cardNumber: number(),
        kind: FuelCardKind.SUB,
        masterCardId: master.id,
        limits: [{ period: CardLimitPeriod.DAY, maxAmountMinor: fleet.dayLimitMinor }],
      });
  }
  return { fuelStations, pumps: seededPumps, fuelCards, fuelGateways, fuelTanks };
}
