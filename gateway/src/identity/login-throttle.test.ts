import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';
import { LocalRateLimiter } from './rate-limiter';

const limits = { failuresPerAddressPerMinute: 3, failuresPerEmailPerMinute: 2, concurrentLogins: 2 };
const codeOf = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (err) {
    return (err as { extensions: { code: string } }).extensions.code;
  }
  return undefined;
};

describe('LoginThrottle', () => {
  it('lets only `concurrentLogins` be checked at once, and tells the front door before it starts any', async () => {
    const throttle = new LoginThrottle(limits);
    const [a, b] = await Promise.all([throttle.begin('10.0.0.1'), throttle.begin('10.0.0.2')]);
    expect((await throttle.refusalFor('10.0.0.3'))?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    expect(await codeOf(() => throttle.begin('10.0.0.3'))).toBe('RATE_LIMITED');
    throttle.end(a);
    throttle.end(b);
    expect(await throttle.refusalFor('10.0.0.3')).toBeUndefined();
  });

  it('counts a login as being checked from its start, so parallel ones cannot all pass while their address is asked', async () => {
    const throttle = new LoginThrottle(limits);
    const answers = await Promise.allSettled([throttle.begin('10.0.0.1'), throttle.begin('10.0.0.2'), throttle.begin('10.0.0.3')]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
  });

  it('counts failures per address and per email; a success gives its tokens back', async () => {
    const throttle = new LoginThrottle(limits);
    const attempt = async (address: string, email: string, succeed = false) => {
      const ticket = await throttle.begin(address, 0);
      try {
        await throttle.admitEmail(ticket, email, 0);
        if (succeed) await throttle.succeeded(ticket);
      } finally {
        throttle.end(ticket);
      }
    };
    for (let i = 0; i < 5; i++) await attempt('10.0.0.1', 'pat@a.example', true);
    await attempt('10.0.0.1', 'pat@a.example');
    await attempt('10.0.0.1', 'Pat@A.example ');
    // The email has used its two failures, from any address; the address its three, for any email.
    expect(await codeOf(() => attempt('10.0.0.2', 'pat@a.example'))).toBe('RATE_LIMITED');
    await attempt('10.0.0.1', 'third@a.example');
    expect(await codeOf(() => attempt('10.0.0.1', 'other@a.example'))).toBe('RATE_LIMITED');
    expect((await throttle.refusalFor('10.0.0.1', 0))?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      http: { headers: new Map([['retry-after', '20']]) },
    });
  });
});

describe('LocalRateLimiter', () => {
  it('peeks without taking', () => {
    const limiter = new LocalRateLimiter();
    expect(limiter.peek('k', 1, 0).allowed).toBe(true);
    expect(limiter.take('k', 1, 0).allowed).toBe(true);
    expect(limiter.peek('k', 1, 0)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.take('k', 1, 60_000).allowed).toBe(true);
  });

  it('forgets refilled buckets, so keys by address or email cannot grow it without bound', () => {
    const limiter = new LocalRateLimiter();
    for (let i = 0; i < 5_000; i++) limiter.take(`early-${i}`, 10, 0);
    // A minute later the early buckets are full again: the sweep that the growing map sets off drops them.
    for (let i = 0; i < 5_000; i++) limiter.take(`late-${i}`, 10, 60_000);
    expect(limiter.size).toBe(5_000);
  });
});
