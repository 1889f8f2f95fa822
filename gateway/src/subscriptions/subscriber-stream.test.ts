import { describe, expect, it, vi } from 'vitest';
import { SubscriberStream } from './subscriber-stream';

const stream = (limit = 2) => {
  const onDrop = vi.fn();
  const onClose = vi.fn();
  const s = new SubscriberStream<number, string>({
    limit,
    deliver: async (n) => `event ${n}`,
    onDrop,
    onClose,
  });
  return { s, onDrop, onClose };
};

describe('SubscriberStream', () => {
  it('hands an event straight to a waiting subscriber', async () => {
    const { s } = stream();
    const next = s.next();
    s.push(1);
    expect(await next).toEqual({ value: 'event 1', done: false });
  });

  it('keeps at most `limit` undelivered events, dropping the oldest and counting each drop', async () => {
    const { s, onDrop } = stream(2);
    for (const n of [1, 2, 3, 4]) s.push(n);
    expect(onDrop).toHaveBeenCalledTimes(2);
    expect(await s.next()).toEqual({ value: 'event 3', done: false });
    expect(await s.next()).toEqual({ value: 'event 4', done: false });
  });

  it('resolves up to readAhead waiting events at once and still delivers them in order', async () => {
    const started: number[] = [];
    const finish = new Map<number, () => void>();
    const s = new SubscriberStream<number, string>({
      limit: 10,
      readAhead: 3,
      deliver: (n) => {
        started.push(n);
        return new Promise((resolve) => finish.set(n, () => resolve(`event ${n}`)));
      },
      onDrop: () => undefined,
      onClose: () => undefined,
    });
    for (const n of [1, 2, 3, 4, 5]) s.push(n);
    // Two ahead of the consumer; the third starts when it asks.
    expect(started).toEqual([1, 2]);
    const first = s.next();
    expect(started).toEqual([1, 2, 3]);
    // Later events finishing first do not overtake earlier ones.
    finish.get(3)!();
    finish.get(2)!();
    finish.get(1)!();
    expect(await first).toEqual({ value: 'event 1', done: false });
    expect(await s.next()).toEqual({ value: 'event 2', done: false });
    expect(await s.next()).toEqual({ value: 'event 3', done: false });
    expect(started).toEqual([1, 2, 3, 4, 5]);
  });

  it('delivers the buffer, then the last result, then completes once upstream ends', async () => {
    const { s, onClose } = stream();
    s.push(1);
    s.end('upstream gone');
    s.push(2);
    expect(await s.next()).toEqual({ value: 'event 1', done: false });
    expect(await s.next()).toEqual({ value: 'upstream gone', done: false });
    expect(await s.next()).toEqual({ value: undefined, done: true });
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('ends a pending next() and releases upstream when the subscriber leaves', async () => {
    const { s, onClose } = stream();
    const pending = s.next();
    await s.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    s.push(1);
    expect(await s.next()).toEqual({ value: undefined, done: true });
    expect(onClose).toHaveBeenCalledOnce();
  });
});
