import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '@hearth/platform';
import { startCylindersTestService, type CylindersTestService } from '../../cylinders-test-service';

let t: CylindersTestService;
let depot: string;
let store: string;

const FLOWS = `query($day: LocalDate!, $siteId: ID) { cylinderFlows(day: $day, siteId: $siteId) { siteId fills dispatched received handedOver takenBack } }`;
const flows = async (day: string, siteId?: string) =>
  (await t.data<{ cylinderFlows: Record<string, unknown>[] }>(FLOWS, { day, siteId: siteId ?? null })).cylinderFlows;

/** A log entry as a move writes it (the log is append-only: each test's rows are its own, on days of their own). */
async function logged(event: string, siteId: string, at: string, tenantId = DEMO_TENANT_ID): Promise<void> {
  await t.db.query(
    `INSERT INTO cylinders.cylinder_event (tenant_id, cylinder_id, at, event, from_state, to_state, site_id, actor)
     VALUES ($1, $2, $3, $4, 'EMPTY_STOCK', 'FILLED', $5, 'user:test')`,
    [tenantId, randomUUID(), at, event, siteId],
  );
}

beforeAll(async () => {
  t = await startCylindersTestService();
  depot = await t.site();
  store = await t.site();
}, 60_000);
afterAll(() => t?.close());

describe('cylinderFlows', () => {
  it('counts each site’s fills, dispatches, receipts, handovers and take-backs of the calendar day in Asia/Shanghai', async () => {
    // 2031-05-10 in Shanghai runs from 2031-05-09T16:00Z to 2031-05-10T16:00Z.
    await logged('FILL', depot, '2031-05-09T16:00:00Z');
    await logged('FILL', depot, '2031-05-10T15:59:59Z');
    await logged('FILL', depot, '2031-05-10T16:00:00Z'); // the next day there
    await logged('FILL', depot, '2031-05-09T15:59:59Z'); // the day before
    await logged('DISPATCH', depot, '2031-05-10T02:00:00Z');
    await logged('RECEIVE', store, '2031-05-10T06:00:00Z');
    await logged('HAND_OVER', store, '2031-05-10T07:00:00Z');
    await logged('HAND_OVER', store, '2031-05-10T08:00:00Z');
    await logged('TAKE_BACK', store, '2031-05-10T08:30:00Z');
    await logged('STOCK_IN_FULL', store, '2031-05-10T09:00:00Z'); // not a flow
    await logged('FILL', depot, '2031-05-10T03:00:00Z', randomUUID()); // another company's

    const rows = await flows('2031-05-10');
    expect(rows).toHaveLength(2);
    expect(rows).toContainEqual({ siteId: depot, fills: 2, dispatched: 1, received: 0, handedOver: 0, takenBack: 0 });
    expect(rows).toContainEqual({ siteId: store, fills: 0, dispatched: 0, received: 1, handedOver: 2, takenBack: 1 });
  });

  it('gives one site’s flows when asked, and none for a day without any', async () => {
    await logged('HAND_OVER', store, '2031-06-01T04:00:00Z');
    await logged('FILL', depot, '2031-06-01T04:00:00Z');
    expect(await flows('2031-06-01', store)).toEqual([{ siteId: store, fills: 0, dispatched: 0, received: 0, handedOver: 1, takenBack: 0 }]);
    expect(await flows('2031-06-02')).toEqual([]);
  });

  it('refuses a day that is not a date', async () => {
    const r = await t.raw(FLOWS, { day: 'tomorrow' });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
