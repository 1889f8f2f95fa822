import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerType, startCustomersService, type RunningCustomersService } from '@hearth/customers';
import { createLogger, DEMO_TENANT_ID } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { PiiProtector } from '@hearth/platform/pii';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { testContext } from '@hearth/testkit/signed-context';
import { CustomerActivity } from './customer-activity';
import type { DemoCustomer } from './demo-customers';

let db: Database;
let service: RunningCustomersService;
const logger = createLogger('activity-test', 'silent');
beforeAll(async () => {
  db = await openTestDatabase();
  service = await startCustomersService({
    db,
    port: 0,
    host: '127.0.0.1',
    logger,
    contextVerifier: testContext.verifier,
    pii: new PiiProtector({ keys: { k1: randomBytes(32) }, current: 'k1' }),
  });
});
afterAll(async () => {
  await service?.close();
  await db?.close();
});

describe('the demo customers’ activity', () => {
  it('tops a wallet up, then phones in a delivery, and leaves a blacklisted customer alone', async () => {
    const customers: DemoCustomer[] = [];
    for (const name of ['A', 'B']) {
      const c = await service.services.customers.create(DEMO_TENANT_ID, { type: CustomerType.RESIDENTIAL, name, phones: ['13800000001'] });
      customers.push({ id: c.id, accountId: c.accountId, name, type: CustomerType.RESIDENTIAL, blacklisted: name === 'B' });
    }
    const activity = new CustomerActivity(service.services, DEMO_TENANT_ID, customers, logger);
    await activity.tick();
    await activity.tick();
    const [wallet] = await db.query<{ balance: number }>('SELECT balance_minor::float8 AS balance FROM ledger.account WHERE id = $1', [
      customers[0]!.accountId,
    ]);
    expect(wallet!.balance).toBeGreaterThan(0);
    const orders = await db.query<{ customer_id: string; type: string; time_slot: string }>(
      'SELECT customer_id::text, type, time_slot FROM customers.service_order',
    );
    expect(orders).toEqual([{ customer_id: customers[0]!.id, type: 'DELIVERY', time_slot: expect.stringMatching(/^\d\d:00-\d\d:00$/) }]);
  });
});
