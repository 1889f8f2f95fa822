import { describe, expect, it, vi } from 'vitest';
import { SubscriberStream } from './subscriber-stream';

const stream = (limit = 2) => {
  const onDrop = vi.fn();
  const onClose = vi.fn();
  const s = new SubscriberStream<number, string>({
    limit,
    keyOf: () => undefined,
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

  it('keeps at most `limit` waiting events, dropping the oldest not started and counting each drop', async () => {
    const { s, onDrop } = stream(2);
    // 1 starts at once (readAhead 1) and is never dropped; 2..5 wait, two at most.
    for (const n of [1, 2, 3, 4, 5]) s.push(n);
    expect(onDrop).toHaveBeenCalledTimes(2);
    expect(await s.next()).toEqual({ value: 'event 1', done: false });
    expect(await s.next()).toEqual({ value: 'event 4', done: false });
    expect(await s.next()).toEqual({ value: 'event 5', done: false });
  });

  it('resolves up to readAhead waiting events at once and still delivers them in order', async () => {
    const started: number[] = [];
    const finish = new Map<number, () => void>();
    const s = new SubscriberStream<number, string>({
      limit: 10,
      readAhead: 3,
      keyOf: () => undefined,
      deliver: (n) => {
        started.push(n);
        return new Promise((resolve) => finish.set(n, () => resolve(`event ${n}`)));
      },
      onDrop: () => undefined,
      onClose: () => undefined,
    });
    for (const n of [1, 2, 3, 4, 5]) s.push(n);
    // Three at once; the fourth starts when one of them is done.
    expect(started).toEqual([1, 2, 3]);
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

  describe('one waiting event per entity (a twin is a state, not a log)', () => {
    /** Events `tank:level`; a result is produced only when the test says so. */
    const entityStream = (limit = 100, readAhead = 1) => {
      const started: string[] = [];
      const finish = new Map<string, () => void>();
      const onReplace = vi.fn();
      const onDrop = vi.fn();
      const s = new SubscriberStream<string, string>({
        limit,
        readAhead,
        keyOf: (e) => e.split(':')[0],
        deliver: (e) => {
          started.push(e);
          return new Promise((resolve) => finish.set(e, () => resolve(e)));
        },
        onDrop,
        onReplace,
        onClose: () => undefined,
      });
      const take = async () => {
        const next = s.next();
        for (const done of finish.values()) done();
        return (await next).value as string;
      };
      return { s, started, onReplace, onDrop, take };
    };

    it('replaces a waiting event with the newer one of the same entity, keeping its turn', async () => {
      const { s, onReplace, take } = entityStream();
      for (const e of ['a:1', 'a:2', 'b:1', 'a:3', 'b:2', 'c:1', 'a:4']) s.push(e);
      // a:1 started at once; then a, b and c wait once each, a in its first place.
      expect(onReplace).toHaveBeenCalledTimes(3);
      expect([await take(), await take(), await take(), await take()]).toEqual(['a:1', 'a:4', 'b:2', 'c:1']);
    });

    it('never drops or replaces an event whose result has started, and starts no second one of its entity meanwhile', async () => {
      const { s, started, onDrop, onReplace, take } = entityStream(1, 1);
      s.push('a:1');
      s.push('a:2');
      s.push('a:3');
      expect(started).toEqual(['a:1']);
      expect(onReplace).toHaveBeenCalledOnce();
      s.push('b:1'); // two entities wait for one place: the older (a:3) goes, a:1 stays
      expect(onDrop).toHaveBeenCalledOnce();
      expect([await take(), await take()]).toEqual(['a:1', 'b:1']);
    });

    it('keeps one waiting event per entity for a subscriber that never reads, ending on the newest', async () => {
      const { s, started, onDrop, take } = entityStream(10, 2);
      for (let level = 0; level < 10_000; level++) s.push(`t${level % 5}:${level}`);
      expect(started).toHaveLength(2);
      expect(onDrop).not.toHaveBeenCalled();
      const seen = [];
      for (let i = 0; i < 7; i++) seen.push(await take());
      expect(seen).toEqual(['t0:0', 't1:1', 't2:9997', 't3:9998', 't4:9999', 't0:9995', 't1:9996']);
    });
  });

  it('holds at most readAhead results for a subscriber that stops asking; newer events of an entity wait and replace each other', async () => {
    let resolved = 0;
    const s = new SubscriberStream<{ tank: string; level: number }, number>({
      limit: 10,
      readAhead: 2,
      keyOf: (e) => e.tank,
      deliver: async (e) => (resolved++, e.level),
      onDrop: () => undefined,
      onClose: () => undefined,
    });
    for (let level = 1; level <= 50; level++) {
      s.push({ tank: level % 2 ? 'a' : 'b', level });
      await Promise.resolve();
    }
    expect(resolved).toBe(2);
    const taken = [];
    for (let n = 0; n < 4; n++) taken.push((await s.next()).value);
    expect(taken).toEqual([1, 2, 49, 50]);
  });
});
