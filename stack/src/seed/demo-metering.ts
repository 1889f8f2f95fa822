import type { CallerContext } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { bindDevicesOfTenant, provisionGateway } from '@hearth/broker';
import { CustomerType, PaymentMethod, TopUpMethod, type CustomerServices } from '@hearth/customers';
import { MeterKind, type MeteringServices } from '@hearth/metering';
import type { TankServices } from '@hearth/tanks';
import type { DemoCustomer } from './demo-customers';

/** One of `meters`: exactly what the contract lists (#16). */
export interface DemoMeter {
  id: string;
  accountId: string;
  kind: 'ELECTRICITY' | 'GAS';
}

/** How the simulator plays a demo meter. */
export interface DemoMeterDevice {
  id: string;
  name: string;
  serial: string;
  kind: 'ELECTRICITY' | 'GAS';
  customerId: string;
  /** On the mall bridge's DL/T 645 line, its Modbus RTU line, or reported over MQTT by its gateway. */
  link: 'dlt645' | 'modbus' | 'mqtt';
  /** DL/T 645: the 12-digit address (its serial); Modbus: the unit id; MQTT: the serial. */
  address: string;
  gatewayId: string;
  registerAtStart: number;
  load: { kind: 'shop' | 'restaurant' | 'home'; peakKw: number } | { kind: 'constant'; kw: number };
}

export interface DemoMetering {
  /** Every demo meter, its wallet and kind (the contract). */
  meters: DemoMeter[];
  /** The same meters as the simulator plays them (line, address, load). */
  meterDevices: DemoMeterDevice[];
  /** The mall and the homes (sites), the tariffs they are on. */
  mall: { siteId: string; name: string; tariffId: string };
  homes: { siteId: string; name: string; tariffId: string };
  /** The metering gateways' MQTT credentials: the mall's bridge (DL/T 645 and Modbus lines), its concentrator, the gas meters' platform. */
  meteringGateways: { id: string; secret: string }[];
  /** The shop the demo lets run out of money, cut off, then tops up and reconnects (over and over). */
  lowTenant: { meterId: string; customerId: string; accountId: string; name: string };
}

/** The mall's bridge: one DL/T 645 line and one Modbus line. */
export const MALL_BRIDGE = 'demo-mall-gw-1';
/** The mall's other shops, over MQTT (a meter concentrator). */
export const MALL_CONCENTRATOR = 'demo-mall-gw-2';
/** The homes' gas meters, over MQTT (the gas meters' NB-IoT platform). */
export const GAS_PLATFORM = 'demo-gas-gw-1';

const FLOORS: [string, number][] = [
  ['B1', 40],
  ['L1', 60],
  ['L2', 60],
  ['L3', 40],
];
/** B1's first 20 shops are on the DL/T 645 line, its next 10 on the Modbus line; the rest report through the concentrator. */
const DLT645_SHOPS = 20;
const MODBUS_SHOPS = 10;
const TRADES: { trade: string; load: 'shop' | 'restaurant'; peakKw: number }[] = [
  { trade: '奶茶店', load: 'restaurant', peakKw: 8 },
  { trade: '服装店', load: 'shop', peakKw: 5 },
  { trade: '火锅店', load: 'restaurant', peakKw: 22 },
  { trade: '书店', load: 'shop', peakKw: 4 },
  { trade: '眼镜店', load: 'shop', peakKw: 3 },
  { trade: '手机店', load: 'shop', peakKw: 4 },
  { trade: '面包店', load: 'restaurant', peakKw: 14 },
  { trade: '咖啡馆', load: 'restaurant', peakKw: 9 },
  { trade: '药店', load: 'shop', peakKw: 5 },
  { trade: '美甲店', load: 'shop', peakKw: 3 },
];
const OWNERS = ['黄', '李', '王', '张', '刘', '陈', '杨', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const HOMES = 5;

/**
 * Where a demo tenant's wallet starts (fen): most shops have ¥1,500–¥4,000, a few only ¥60–¥150
 * (they fall below alarm 1 within the hour and top up), the low tenant ¥25, just above alarm 2.
 */
const LOW_TENANT_START = 2_500;
const startingBalance = (n: number) => (n === 0 ? LOW_TENANT_START : n % 23 === 5 ? 6_000 + (n % 10) * 1_000 : 150_000 + ((n * 37) % 26) * 10_000);

/**
 * The demo's prepaid meters (seed 002, and 003's gas meters): a mall of 200 shops (four floors),
 * each a business customer of its own with a wallet topped up through the customers' counter and an
 * electricity meter on the landlord's time-of-use resale tariff (capped at 60 % over the grid's
 * price); five homes of the demo's residential customers with gas meters on monthly tiers. Meters
 * are imported in one file, bound through the metering service (wallet and tariff), and bound to
 * their gateways: B1's first 20 shops on the mall bridge's DL/T 645 line, the next 10 on its Modbus
 * line, the other 170 shops on the mall's MQTT concentrator, the homes on the gas platform.
 * Shop B1-001 (a hotpot kitchen drawing 30 kW day and night) starts at ¥25: the demo's low tenant.
 */
export async function seedDemoMetering(
  db: Database,
  services: { metering: MeteringServices; tanks: TankServices; customers: CustomerServices },
  tenantId: string,
  customers: DemoCustomer[],
  /** How many of the mall's 200 shops to seed, in floor order (B1's DL/T 645 and Modbus shops first): a test stack takes fewer. */
  shopCount = 200,
): Promise<DemoMetering> {
  const by: CallerContext = { tenantId, requestId: 'demo-seed', principal: { kind: 'service', id: 'demo-seed' }, scopes: [] };
  const mallSite = await services.tanks.sites.create(tenantId, { code: 'MALL-1', name: 'Riverside Mall', address: '1 Riverside Avenue' });
  const homesSite = await services.tanks.sites.create(tenantId, { code: 'HOMES-GC', name: 'Garden Court homes', address: 'Garden Court, Canal Lane' });
  const { tariffs } = services.metering.tariffs;
  type TariffInput = Parameters<typeof tariffs.create>[1];
  const slot = (from: string, period: string) => ({ days: 'WEEKDAY', from, period });
  const weekday = [slot('00:00', 'VALLEY'), slot('08:00', 'FLAT'), slot('10:00', 'PEAK'), slot('12:00', 'FLAT'), slot('14:00', 'PEAK'), slot('19:00', 'FLAT')];
  // Weekends: no peak (the landlord passes on the grid's weekend relief).
  const weekend = [slot('00:00', 'VALLEY'), slot('08:00', 'FLAT')].map((s) => ({ ...s, days: 'WEEKEND' }));
  const mallTariff = await tariffs.create(by, {
    kind: MeterKind.ELECTRICITY,
    name: 'Riverside Mall shops (TOU resale)',
    // The landlord resells the grid's power: no price more than 60 % over the official ¥0.6500.
    markupCapPercent: 60,
    version: {
      type: 'TOU',
      touPrices: [
        { period: 'PEAK', unitPrice: '1.0200' },
        { period: 'FLAT', unitPrice: '0.6800' },
        { period: 'VALLEY', unitPrice: '0.3500' },
      ],
      touSlots: [...weekday, ...weekend],
      officialUnitPrice: '0.6500',
    },
  } as unknown as TariffInput);
  const gasTariff = await tariffs.create(by, {
    kind: MeterKind.GAS,
    name: 'Residential gas (monthly tiers)',
    version: {
      type: 'TIERED',
      billingPeriod: 'MONTH',
      tiers: [
        { uptoUnits: 20, unitPrice: '3.4500' },
        { uptoUnits: 30, unitPrice: '4.1400' },
        { uptoUnits: null, unitPrice: '5.1800' },
      ],
    },
  } as unknown as TariffInput);

  const gateways = [
    await provisionGateway(db, { id: MALL_BRIDGE, tenantId, name: 'Riverside Mall meter bridge (RS-485: DL/T 645, Modbus)' }),
    await provisionGateway(db, { id: MALL_CONCENTRATOR, tenantId, name: 'Riverside Mall meter concentrator' }),
    await provisionGateway(db, { id: GAS_PLATFORM, tenantId, name: 'Gas meters NB-IoT platform' }),
  ];

  // The shops' tenants: a business customer each, paying from a prepaid wallet topped up at the counter.
  const shops: { name: string; serial: string; customer: DemoCustomer; device: Omit<DemoMeterDevice, 'id' | 'customerId' | 'name' | 'serial' | 'kind'> }[] = [];
  let n = 0;
  for (const [floor, count] of FLOORS) {
    for (let i = 1; i <= count && n < shopCount; i++, n++) {
      const unit = `${floor}-${String(i).padStart(3, '0')}`;
      const trade = n === 0 ? { trade: '火锅店', load: 'constant' as const, peakKw: 30 } : TRADES[(n * 7) % TRADES.length]!;
      const owner = `${OWNERS[n % OWNERS.length]}记${trade.trade}`;
      const customer = await services.customers.customers.create(tenantId, {
        type: CustomerType.COMMERCIAL,
        name: `${owner} (${unit})`,
        phones: [`139${String(10_000_000 + n * 4_271).padStart(8, '0')}`],
        archiveAddress: `Riverside Mall ${unit}, 1 Riverside Avenue`,
        supplyAddress: `Riverside Mall ${unit}, 1 Riverside Avenue`,
        paymentMethod: PaymentMethod.PREPAID_WALLET,
      });
      await services.customers.accounts.topUp(by, {
        accountId: customer.accountId,
        amountMinor: startingBalance(n),
        idempotencyKey: `demo-mall-topup-${n}`,
        method: n % 2 ? TopUpMethod.WECHAT_PAY : TopUpMethod.ALIPAY,
      });
      const link = floor === 'B1' && i <= DLT645_SHOPS ? 'dlt645' : floor === 'B1' && i <= DLT645_SHOPS + MODBUS_SHOPS ? 'modbus' : 'mqtt';
      const serial = `4401${String(20_260_000 + n + 1).padStart(8, '0')}`;
      shops.push({
        name: `Shop ${unit}`,
        serial,
        customer: { id: customer.id, accountId: customer.accountId, name: customer.name, type: CustomerType.COMMERCIAL },
        device: {
          link,
          address: link === 'modbus' ? String(i - DLT645_SHOPS) : serial,
          gatewayId: link === 'mqtt' ? MALL_CONCENTRATOR : MALL_BRIDGE,
          registerAtStart: 1_000 + ((n * 7_919) % 40_000) / 10,
          load: trade.load === 'constant' ? { kind: 'constant', kw: trade.peakKw } : { kind: trade.load, peakKw: trade.peakKw },
        },
      });
    }
  }
  // The homes: residential demo customers (never the blacklisted one) with gas meters, paying from the wallets they have.
  const residents = customers.filter((c) => c.type === CustomerType.RESIDENTIAL && !c.blacklisted).slice(0, HOMES);
  const homes = residents.map((customer, h) => ({
    name: `Home ${h + 1}, Garden Court`,
    serial: `GM-GC-${String(h + 1).padStart(4, '0')}`,
    customer,
    device: {
      link: 'mqtt' as const,
      address: `GM-GC-${String(h + 1).padStart(4, '0')}`,
      gatewayId: GAS_PLATFORM,
      registerAtStart: 300 + h * 57.3,
      load: { kind: 'home' as const, peakKw: 1.2 + (h % 3) * 0.4 },
    },
  }));

  const { meters: meterService } = services.metering.meters;
  const rows = [
    ...shops.map((s) => ({ kind: MeterKind.ELECTRICITY, serial: s.serial, name: s.name, siteId: mallSite.id })),
    ...homes.map((h) => ({ kind: MeterKind.GAS, serial: h.serial, name: h.name, siteId: homesSite.id })),
  ];
  const imported = await meterService.importRows(by, rows);
  if (imported.imported !== rows.length) throw new Error(`demo meters not imported: ${JSON.stringify(imported.problems.slice(0, 3))}`);
  // A page per site (the mall's 200 shops are one page of the most a page holds).
  const idOf = new Map<string, string>();
  for (const siteId of [mallSite.id, homesSite.id]) {
    for (const e of (await meterService.list(tenantId, { siteId }, 200)).edges) idOf.set(e.node.serial, e.node.id);
  }

  const meters: DemoMeter[] = [];
  const meterDevices: DemoMeterDevice[] = [];
  for (const [k, m] of [...shops, ...homes].entries()) {
    const id = idOf.get(m.serial)!;
    const kind = k < shops.length ? 'ELECTRICITY' : 'GAS';
    await meterService.bind(by, id, m.customer.id, kind === 'ELECTRICITY' ? mallTariff.id : gasTariff.id);
    meters.push({ id, accountId: m.customer.accountId, kind });
    meterDevices.push({ id, name: m.name, serial: m.serial, kind, customerId: m.customer.id, ...m.device });
  }
  await bindDevicesOfTenant(
    db,
    tenantId,
    meterDevices.map((d) => ({ kind: 'meter' as const, id: d.id, gatewayId: d.gatewayId })),
  );
  const low = shops[0]!;
  return {
    meters,
    meterDevices,
    mall: { siteId: mallSite.id, name: mallSite.name, tariffId: mallTariff.id },
    homes: { siteId: homesSite.id, name: homesSite.name, tariffId: gasTariff.id },
    meteringGateways: gateways.map((g) => ({ id: g.id, secret: g.secret })),
    lowTenant: { meterId: meters[0]!.id, customerId: low.customer.id, accountId: low.customer.accountId, name: `${low.name} (${low.customer.name})` },
  };
}
