import { describe, expect, it } from 'vitest';
import { FillingLine, type SimulatedCylinder } from './filling-line';

const good: SimulatedCylinder = { tag: 'E280-GOOD', tareKg: 15.5, maxFillKg: 14.9, toleranceKg: 0.3 };
const overdue: SimulatedCylinder = { tag: 'E280-OVERDUE', tareKg: 15.5, maxFillKg: 14.9, toleranceKg: 0.3 };

function line(options: { overfillEvery?: number } = {}) {
  const sent: { deviceId: string; channel: string; body: Record<string, unknown> }[] = [];
  const l = new FillingLine(
    { scales: [{ id: 'scale-1' }], cylinders: [good, overdue], restMs: 1_000, fillMs: 4_000, answerTimeoutMs: 5_000, ...options },
    (_k, deviceId, channel, body) => sent.push({ deviceId, channel, body }),
    () => 0.5,
  );
  return { l, sent, events: () => sent.filter((s) => s.channel === 'event').map((s) => s.body) };
}
const at = (s: number) => new Date(Date.now() + s * 1000);

describe('a simulated filling line', () => {
  it('reads a tag, fills only after RELEASE, reports the fill and locks itself again', () => {
    const { l, events, sent } = line();
    l.tick(at(1));
    expect(events()).toMatchObject([{ type: 'TAG_READ', tag: 'E280-GOOD', seq: expect.any(Number) }]);
    l.tick(at(2));
    expect(events()).toHaveLength(1);
    l.command('scale-1', { id: 'c1', action: 'RELEASE' }, at(2));
    expect(sent.filter((s) => s.channel === 'command/ack').map((s) => s.body.status)).toEqual(['accepted', 'done']);
    l.tick(at(4));
    l.tick(at(6.5));
    const fill = events()[1]!;
    expect(fill).toMatchObject({ type: 'FILL', tag: 'E280-GOOD', tareKg: 15.5 });
    expect(fill.netKg as number).toBeLessThanOrEqual(14.9);
    expect(fill.grossKg).toBeCloseTo(15.5 + (fill.netKg as number), 5);
    // The next cylinder comes after the rest, and is not filled when locked.
    l.tick(at(8));
    expect(events()[2]).toMatchObject({ type: 'TAG_READ', tag: 'E280-OVERDUE' });
    l.command('scale-1', { id: 'c2', action: 'LOCK' }, at(8));
    l.tick(at(9));
    l.tick(at(12));
    expect(events().filter((e) => e.type === 'FILL')).toHaveLength(1);
  });

  it('overfills now and then, past the tolerance', () => {
    const { l, events } = line({ overfillEvery: 1 });
    l.tick(at(1));
    l.command('scale-1', { id: 'c1', action: 'RELEASE' }, at(1));
    l.tick(at(6));
    expect(events()[1]!.netKg as number).toBeGreaterThan(14.9 + 0.3);
  });

  it('rejects an unknown action and ignores scales not on the line', () => {
    const { l, sent } = line();
    expect(l.command('scale-9', { id: 'x', action: 'RELEASE' })).toBe(false);
    l.command('scale-1', { id: 'x', action: 'EXPLODE' });
    expect(sent.at(-1)?.body).toEqual({ id: 'x', status: 'rejected', reason: 'unknown action' });
  });
});

describe('a simulated filling line fed by the depot', () => {
  it('takes the next cylinder from its supplier, and waits while none is there', () => {
    const queue: SimulatedCylinder[] = [];
    const sent: Record<string, unknown>[] = [];
    const l = new FillingLine({ scales: [{ id: 'scale-1' }], cylinders: () => queue.shift(), restMs: 1_000 }, (_k, _id, channel, body) => {
      if (channel === 'event') sent.push(body);
    });
    l.tick(at(1));
    expect(sent).toEqual([]);
    queue.push(good);
    l.tick(at(1.5));
    expect(sent).toEqual([]);
    l.tick(at(2.5));
    expect(sent).toMatchObject([{ type: 'TAG_READ', tag: 'E280-GOOD' }]);
  });
});
