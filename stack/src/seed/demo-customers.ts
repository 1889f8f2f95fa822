import type { CallerContext } from '@hearth/platform';
import { CustomerType, PaymentMethod, TopUpMethod, type CustomerServices } from '@hearth/customers';

export interface DemoCustomer {
  id: string;
  accountId: string;
  name: string;
  type: CustomerType;
  /** Refused service: the demo's activity leaves them out. */
  blacklisted?: boolean;
}

const SURNAMES = ['黄', '李', '王', '张', '刘', '陈', '杨', '赵', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '涛', '明', '超', '秀英'];
const BUSINESSES = ['饭店', '小吃店', '茶楼', '面馆', '酒楼', '食堂'];
const WORKS = ['陶瓷厂', '食品厂', '玻璃厂', '五金厂', '印染厂'];
const STREETS = ['Harbour Road', 'Ring Road East', 'Market Street', 'Canal Lane', 'Station Avenue'];

/** Customers of each type the demo company has. */
const PER_TYPE = 50;

/**
 * The demo company's customers: 50 of each type with plausible Chinese names, phones and resident
 * ID numbers (valid check characters), addresses near the demo sites, wallets with a few top-ups and
 * charges, and one blacklisted customer. Deterministic, so every fresh demo looks the same.
 */
export async function seedDemoCustomers(services: CustomerServices, tenantId: string, stationIds: string[]): Promise<DemoCustomer[]> {
  const seed: CallerContext = { tenantId, requestId: 'demo-seed', principal: { kind: 'service', id: 'demo-seed' }, scopes: [] };
  const made: DemoCustomer[] = [];
  for (const type of [CustomerType.RESIDENTIAL, CustomerType.COMMERCIAL, CustomerType.INDUSTRIAL]) {
    for (let i = 0; i < PER_TYPE; i++) {
      const n = made.length;
      const person = `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7 + Math.floor(n / 10)) % GIVEN.length]}`;
      const name = type === CustomerType.RESIDENTIAL ? person : `${person}${(type === CustomerType.COMMERCIAL ? BUSINESSES : WORKS)[n % 5]}`;
      const address = `${10 + ((n * 13) % 190)} ${STREETS[n % STREETS.length]}`;
      const customer = await services.customers.create(tenantId, {
        type,
        name,
        idNumber: residentId(n),
        phones: [`13${String(800_000_000 + n * 7919).padStart(9, '0')}`],
        archiveAddress: address,
        supplyAddress: address,
        supplyStationId: stationIds[n % stationIds.length],
        paymentMethod: type === CustomerType.INDUSTRIAL ? PaymentMethod.MONTHLY_CREDIT : PaymentMethod.PREPAID_WALLET,
        creditLevel: ['A', 'B', 'C'][n % 3],
        // The station's kiosk is this restaurant's premises: the hourly demo leak there opens a gas-smell order by itself.
        premisesSiteId: n === PER_TYPE ? stationIds[1 % stationIds.length] : null,
        openedOn: `20${String(15 + (n % 10)).padStart(2, '0')}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
      });
      // A little history on each wallet: a top-up, and for most a refill charged against it.
      await services.accounts.topUp(seed, {
        accountId: customer.accountId,
        amountMinor: 20_000 + (n % 10) * 5_000,
        idempotencyKey: `demo-topup-${n}`,
        method: TopUpMethod.WECHAT_PAY,
      });
      if (n % 4 !== 0) {
        await services.accounts.charge(seed, {
          accountId: customer.accountId,
          amountMinor: 11_500,
          idempotencyKey: `demo-charge-${n}`,
          reason: 'YSP15 cylinder refill',
        });
      }
      made.push({ id: customer.id, accountId: customer.accountId, name: customer.name, type });
    }
  }
  await services.customers.blacklist(tenantId, made[7]!.id, 'Illegal decanting into unregistered cylinders');
  made[7]!.blacklisted = true;
  return made;
}

/** A resident ID number (GB 11643-1999) with a valid ISO 7064 MOD 11-2 check character. */
function residentId(n: number): string {
  const body = `440106${1960 + (n % 40)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(100 + (n % 900)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}
