import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payIn, startChargeTestService, TARIFF_FROM, testMeter, testTariff, type ChargeTestService } from '../charge/charge-test-data';
import { RECENT_JOURNALS_MS } from './supply-area';
import { metersWatched, seeWalletChanges } from './wallet-changes';

let t: ChargeTestService;
let flat: string;
beforeAll(async () => {
  t = await startChargeTestService();
  flat = await testTariff(t, [{ from: TARIFF_FROM, structure: { type: 'FLAT', unitPriceE4: 5_000 } }]);
  // The looks below are the only ones: the service's own sweep is stopped, what it had to find seen.
  await t.service.services.supply.sweep.stop();
  await seeWalletChanges(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe('the supply sweep’s look at wallets', () => {
  it('sees a top-up by its journal, without the join over every bound meter, once; and the full look still finds a wallet bound since', async () => {
    const { meterId, walletId } = await testMeter(t, { tariffId: flat });
    // Bound since the last look: only the full comparison finds it (it has no journal).
    expect(await seeWalletChanges(t.db, RECENT_JOURNALS_MS)).not.toContain(meterId);
    expect(await seeWalletChanges(t.db)).toContain(meterId);
    expect(await seeWalletChanges(t.db)).not.toContain(meterId);
    await payIn(t, walletId!, 500);
    expect(await seeWalletChanges(t.db, RECENT_JOURNALS_MS)).toEqual([meterId]);
    // Seen: the next look, recent or full, finds nothing of it.
    expect(await seeWalletChanges(t.db, RECENT_JOURNALS_MS)).toEqual([]);
    expect(await seeWalletChanges(t.db)).not.toContain(meterId);
    const [seen] = await t.db.query<{ balance: number }>(`SELECT balance_minor::float8 AS balance FROM metering.wallet_seen WHERE account_id = $1`, [walletId]);
    expect(seen?.balance).toBe(500);
  });

  it('watches the meters tripped or alarmed by index', async () => {
    const { meterId: tripped } = await testMeter(t, { tariffId: flat });
    const { meterId: alarmed } = await testMeter(t, { tariffId: flat });
    const { meterId: quiet } = await testMeter(t, { tariffId: flat });
    await t.db.query(`UPDATE metering.meter SET relay_intended = 'OPEN', alarm_level = 'ALARM2' WHERE id = $1`, [tripped]);
    await t.db.query(`UPDATE metering.meter SET alarm_level = 'ALARM1' WHERE id = $1`, [alarmed]);
    const watched = await metersWatched(t.db);
    expect(watched).toEqual(expect.arrayContaining([tripped, alarmed]));
    expect(watched).not.toContain(quiet);
  });
});
