import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { post, systemAccount, WALLET_CURRENCY } from '@hearth/platform/ledger';
import type { FuelingTestService } from './fueling-test-service';

/** A fuel station of the demo tenant with one pump (`pumpId`, nozzle 1 selling 92# at `unitPriceMinor`). */
export async function testStation(t: FuelingTestService, options: { pumpId?: string; unitPriceMinor?: number; lat?: number; lon?: number } = {}) {
  const siteId = await t.site();
  const pumpId = options.pumpId ?? `P-${randomUUID().slice(0, 8)}`;
  await t.data(`mutation($i: SaveFuelStationInput!) { saveFuelStation(input: $i) { id } }`, {
    i: { siteId, latitude: options.lat ?? 23.13, longitude: options.lon ?? 113.26 },
  });
  await t.data(`mutation($i: RegisterPumpInput!) { registerPump(input: $i) { id } }`, {
    i: { id: pumpId, stationId: siteId, dispenser: '1', name: `Pump ${pumpId}`, nozzles: [{ number: 1, gradeCode: '92#' }] },
  });
  await t.data(`mutation($i: SetFuelPriceInput!) { setFuelPrice(input: $i) { id } }`, {
    i: { gradeCode: '92#', stationId: siteId, unitPriceMinor: options.unitPriceMinor ?? 750 },
  });
  return { siteId, pumpId };
}

/** Money paid into an account (a top-up from a clearing account), as the customers' counter would. */
export async function payIn(t: FuelingTestService, accountId: string, amountMinor: number, tenantId = DEMO_TENANT_ID): Promise<void> {
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

let cardNumbers = 6_000_000_000;
/** A card number no test used before. */
export const newCardNumber = (): string => String(cardNumbers++ * 1000 + Math.floor(Math.random() * 1000));

/** An AUTH_REQUEST as the twins' pump kind stores it; returns its id. */
export async function storeAuthRequest(
  t: FuelingTestService,
  r: { pumpId: string; cardNumber: string; nozzle?: number; presetMinor?: number | null; plate?: string | null; tenantId?: string },
): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO twins.pump_auth_request (id, time, tenant_id, pump_id, nozzle, card_number, preset_minor, plate, received_at)
     VALUES ($1, now(), $2, $3, $4, $5, $6, $7, clock_timestamp())`,
    [id, r.tenantId ?? DEMO_TENANT_ID, r.pumpId, r.nozzle ?? 1, r.cardNumber, r.presetMinor ?? null, r.plate ?? null],
  );
  return id;
}

export interface TestSale {
  pumpId: string;
  counter: number;
  cardNumber?: string | null;
  volumeMl: number;
  unitPriceMinor?: number;
  amountMinor: number;
  totalizerStartMl?: number;
  startedAt?: Date;
  tenantId?: string;
}

/** A TRANSACTION as the twins' pump kind stores it (each upload its own row, as a repeated upload would be). */
export async function storeSale(t: FuelingTestService, s: TestSale): Promise<void> {
  const startedAt = s.startedAt ?? new Date();
  const start = s.totalizerStartMl ?? s.counter * 100_000;
  await t.db.query(
    `INSERT INTO twins.pump_transaction (id, time, tenant_id, pump_id, counter, card_number, nozzle, grade, volume_ml, unit_price_minor, amount_minor,
                                         totalizer_start_ml, totalizer_end_ml, started_at, ended_at, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, 1, '92#', $7, $8, $9, $10, $11, $12, $2, clock_timestamp())`,
    [
      randomUUID(),
      new Date(startedAt.getTime() + 120_000),
      s.tenantId ?? DEMO_TENANT_ID,
      s.pumpId,
      s.counter,
      s.cardNumber ?? null,
      s.volumeMl,
      s.unitPriceMinor ?? 750,
      s.amountMinor,
      start,
      start + s.volumeMl,
      startedAt,
    ],
  );
}

/** The decision recorded for a request. */
export async function decisionOf(t: FuelingTestService, requestId: string) {
  const [row] = await t.db.query<{ decision: string; limitMinor: number; reason: string | null; holdOpen: boolean }>(
    `SELECT decision, limit_minor::float8 AS "limitMinor", reason, hold_open AS "holdOpen" FROM fueling.authorization WHERE id = $1`,
    [requestId],
  );
  return row;
}

export const ISSUE = `mutation($i: IssueFuelCardInput!) { issueFuelCard(input: $i) { id cardNumber accountId status kind masterCardId } }`;
