import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { post, systemAccount, WALLET_CURRENCY } from '@hearth/platform/ledger';
import { testCustomer } from '@hearth/testkit/test-customers';
import type { MeteringTestService } from './metering-test-service';

let serials = 100_000_000_000 + Math.floor(Math.random() * 800_000_000_000);
/** A 12-digit DL/T 645 address no test used before (a gas meter's serial too). */
export const newSerial = (): string => String(serials++);

export const REGISTER_METER = `mutation($i: RegisterMeterInput!) { registerMeter(input: $i) { id kind serial name site { id } accountId supplyProtected relayIntended alarmLevel balanceMinor } }`;
export const CREATE_TARIFF = `mutation($i: CreateTariffInput!) { createTariff(input: $i) { id kind name current { id type unitPrice unitPriceE4 } } }`;
export const BIND_METER = `mutation($m: ID!, $c: ID!, $t: ID!) { bindMeter(meterId: $m, customerId: $c, tariffId: $t) { id accountId customer { id } tariff { id } balanceMinor } }`;

/** Headers of a caller of another company (or the demo company when `tenantId` is the demo's). */
export const callerOf = (t: MeteringTestService, tenantId: string) => (tenantId === DEMO_TENANT_ID ? undefined : t.as({ tenantId }));

/** A meter of the demo tenant (or `tenantId`'s), unbound: electricity at a new site unless told. */
export async function testMeter(
  t: MeteringTestService,
  options: { kind?: 'ELECTRICITY' | 'GAS'; siteId?: string | null; serial?: string; name?: string; tenantId?: string } = {},
): Promise<{ id: string; serial: string; siteId: string | null }> {
  const tenantId = options.tenantId ?? DEMO_TENANT_ID;
  const siteId = options.siteId === undefined ? await t.site(tenantId) : options.siteId;
  const serial = options.serial ?? newSerial();
  const { registerMeter } = await t.data<{ registerMeter: { id: string } }>(
    REGISTER_METER,
    { i: { kind: options.kind ?? 'ELECTRICITY', serial, name: options.name ?? `Shop ${serial.slice(-4)}`, siteId } },
    await callerOf(t, tenantId),
  );
  return { id: registerMeter.id, serial, siteId };
}

/** A flat tariff (¥0.5283/kWh unless told) of the demo tenant (or `tenantId`'s). */
export async function testTariff(
  t: MeteringTestService,
  options: { kind?: 'ELECTRICITY' | 'GAS'; unitPrice?: string; tenantId?: string; markupCapPercent?: number; officialUnitPrice?: string } = {},
): Promise<string> {
  const tenantId = options.tenantId ?? DEMO_TENANT_ID;
  const { createTariff } = await t.data<{ createTariff: { id: string } }>(
    CREATE_TARIFF,
    {
      i: {
        kind: options.kind ?? 'ELECTRICITY',
        name: `Tariff ${randomUUID().slice(0, 8)}`,
        markupCapPercent: options.markupCapPercent ?? null,
        version: { type: 'FLAT', unitPrice: options.unitPrice ?? '0.5283', officialUnitPrice: options.officialUnitPrice ?? null },
      },
    },
    await callerOf(t, tenantId),
  );
  return createTariff.id;
}

/** A meter bound to a new customer (with a wallet) and a flat tariff. */
export async function boundTestMeter(t: MeteringTestService, options: { kind?: 'ELECTRICITY' | 'GAS'; tenantId?: string } = {}) {
  const tenantId = options.tenantId ?? DEMO_TENANT_ID;
  const meter = await testMeter(t, options);
  const customer = await testCustomer(t.db, { tenantId });
  const tariffId = await testTariff(t, options);
  await t.data(BIND_METER, { m: meter.id, c: customer.id, t: tariffId }, await callerOf(t, tenantId));
  return { ...meter, customerId: customer.id, accountId: customer.walletId, tariffId };
}

/** Money paid into a wallet (a top-up from a clearing account), as the customers' counter would. */
export async function payIn(t: MeteringTestService, accountId: string, amountMinor: number, tenantId = DEMO_TENANT_ID): Promise<void> {
  await t.db.transaction(async (tx) => {
    const clearing = await systemAccount(tx, tenantId, 'CLEARING', WALLET_CURRENCY, 'WECHAT_PAY');
    await post(tx, {
      tenantId,
      idempotencyKey: `test-top-up-${randomUUID()}`,
      kind: 'TOP_UP',
      actor: 'system',
      lines: [
        { accountId, amountMinor },
        { accountId: clearing.id, amountMinor: -amountMinor },
      ],
    });
  });
}
