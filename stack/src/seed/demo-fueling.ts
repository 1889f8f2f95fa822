import type { CallerContext } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { bindDevice, provisionGateway } from '@hearth/broker';
import { ContractBilling, ContractPayment, type CustomerServices } from '@hearth/customers';
import { FuelCardFunding, FuelCardKind, CardLimitPeriod, type FuelingServices } from '@hearth/fueling';
import type { TankServices } from '@hearth/tanks';
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
}

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
  for (const [s, spec] of STATIONS.entries()) {
    const site = await services.tanks.sites.create(tenantId, { code: spec.code, name: spec.name, address: spec.address });
    await stations.save(by, { siteId: site.id, latitude: spec.latitude, longitude: spec.longitude, offlineCardWindowMinutes: 60 });
    const gateway = await provisionGateway(db, { id: spec.gateway, tenantId, name: `${spec.name} forecourt controller` });
    fuelGateways.push({ id: gateway.id, secret: gateway.secret });
    fuelStations.push({ id: site.id, name: spec.name, gatewayId: gateway.id });
    for (let p = 1; p <= 4; p++) {
      const id = `fuel-pump-${s * 4 + p}`;
      const nozzles = [
        { number: 1, gradeCode: '92#' },
        { number: 2, gradeCode: p % 2 ? '95#' : '0#' },
      ];
      await pumps.register(by, { id, stationId: site.id, dispenser: String(Math.ceil(p / 2)), name: `Pump ${p}`, nozzles });
      await bindDevice(db, { kind: 'pump', id, tenantId, gatewayId: gateway.id });
      seededPumps.push({ id, stationId: site.id, gatewayId: gateway.id, nozzles });
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
  return { fuelStations, pumps: seededPumps, fuelCards, fuelGateways };
}
