import { describe, expect, it } from 'vitest';
import type { TankTwinState } from './model/tank-twin';
import { TankEvents, type TankTwinChanged } from './tank-events';

const change = (tenantId: string, tankId: string, version: number): TankTwinChanged => ({ tenantId, tankId, state: { version } as TankTwinState });
const versions = async (it: AsyncIterator<TankTwinChanged>, n: number) => {
  const seen: string[] = [];
  for (let i = 0; i < n; i++) {
    const { value } = await it.next();
    seen.push(`${value.tankId}@${value.state.version}`);
  }
  return seen;
};

describe('TankEvents', () => {
  it('gives each subscription the changes of its own tanks and tenant only', async () => {
    const events = new TankEvents();
    const one = events.tankChanges('t1', ['a']);
    const all = events.tankChanges('t1', []);
    events.publish(change('t2', 'a', 1));
    events.publish(change('t1', 'b', 2));
    events.publish(change('t1', 'a', 3));
    expect(await versions(one, 1)).toEqual(['a@3']);
    expect(await versions(all, 2)).toEqual(['b@2', 'a@3']);
  });

  it('keeps only the newest waiting change per tank for a subscriber that reads slowly', async () => {
    const events = new TankEvents();
    const slow = events.tankChanges('t1', ['a', 'b']);
    for (let v = 1; v <= 1000; v++) events.publish(change('t1', v % 2 ? 'a' : 'b', v));
    expect(await versions(slow, 2)).toEqual(['a@999', 'b@1000']);
  });

  it('fans a committed batch out a slice per turn, in order, each tank once with its newest state', async () => {
    const events = new TankEvents(2);
    const all = events.tankChanges('t1', []);
    const seen: string[] = [];
    void (async () => {
      for await (const e of all) seen.push(`${e.tankId}@${e.state.version}`);
    })();
    events.publishAll([change('t1', 'a', 1), change('t1', 'b', 2), change('t1', 'c', 3)]);
    events.publishAll([change('t1', 'a', 4), change('t1', 'd', 5)]);
    expect(seen).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['a@4', 'b@2']);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['a@4', 'b@2', 'c@3', 'd@5']);
    await all.return!();
  });

  it('stops delivering and forgets the subscription when it returns or its signal aborts', async () => {
    const events = new TankEvents();
    const abort = new AbortController();
    const aborted = events.tankChanges('t1', ['a'], abort.signal);
    const returned = events.tankChanges('t1', []);
    abort.abort();
    await returned.return!();
    events.publish(change('t1', 'a', 1));
    expect(await aborted.next()).toEqual({ value: undefined, done: true });
    expect(await returned.next()).toEqual({ value: undefined, done: true });
    expect((events as unknown as { byTank: Map<string, unknown>; byTenant: Map<string, unknown> }).byTank.size).toBe(0);
    expect((events as unknown as { byTenant: Map<string, unknown> }).byTenant.size).toBe(0);
  });
});
