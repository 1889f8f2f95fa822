import { describe, expect, it } from 'vitest';
import type { DeviceTwin } from './twin-kind';
import { TwinEvents } from './twin-events';

type Twin = DeviceTwin & { deviceId: string };

const twin = (tenantId: string, deviceId: string, version: number) => ({ tenantId, deviceId, version }) as Twin;
const eventsOf = (sliceSize?: number) => new TwinEvents<Twin>((t) => t.deviceId, sliceSize);
const turn = () => new Promise((resolve) => setImmediate(resolve));
const versions = async (it: AsyncIterator<Twin>, n: number) => {
  const seen: string[] = [];
  for (let i = 0; i < n; i++) {
    const { value } = await it.next();
    seen.push(`${value.deviceId}@${value.version}`);
  }
  return seen;
};

describe('TwinEvents', () => {
  it('gives each subscription the changes of its own devices and tenant only', async () => {
    const events = eventsOf();
    const one = events.changes('t1', ['a']);
    const all = events.changes('t1', []);
    events.publish([twin('t2', 'a', 1)]);
    events.publish([twin('t1', 'b', 2)]);
    events.publish([twin('t1', 'a', 3)]);
    expect(await versions(one, 1)).toEqual(['a@3']);
    expect(await versions(all, 2)).toEqual(['b@2', 'a@3']);
  });

  it('keeps only the newest waiting change per device for a subscriber that reads slowly', async () => {
    const events = eventsOf(10_000);
    const slow = events.changes('t1', ['a', 'b']);
    for (let v = 1; v <= 1000; v++) {
      events.publish([twin('t1', v % 2 ? 'a' : 'b', v)]);
      if (v % 100 === 0) await turn();
    }
    expect(await versions(slow, 2)).toEqual(['a@999', 'b@1000']);
  });

  it('fans a committed batch out a slice per turn, in order, each device once with its newest state', async () => {
    const events = eventsOf(2);
    const all = events.changes('t1', []);
    const seen: string[] = [];
    void (async () => {
      for await (const e of all) seen.push(`${e.deviceId}@${e.version}`);
    })();
    events.publish([twin('t1', 'a', 1), twin('t1', 'b', 2), twin('t1', 'c', 3)]);
    events.publish([twin('t1', 'a', 4), twin('t1', 'd', 5)]);
    expect(seen).toEqual([]);
    await turn();
    expect(seen).toEqual(['a@4', 'b@2']);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['a@4', 'b@2', 'c@3', 'd@5']);
    await all.return!();
  });

  it('stops delivering and forgets the subscription when its reader returns', async () => {
    const events = eventsOf();
    const one = events.changes('t1', ['a']);
    const all = events.changes('t1', []);
    await one.return!();
    await all.return!();
    events.publish([twin('t1', 'a', 1)]);
    await turn();
    expect(await one.next()).toEqual({ value: undefined, done: true });
    expect(await all.next()).toEqual({ value: undefined, done: true });
    expect((events as unknown as { byDevice: Map<string, unknown> }).byDevice.size).toBe(0);
    expect((events as unknown as { byTenant: Map<string, unknown> }).byTenant.size).toBe(0);
  });
});
