import { describe, expect, it } from 'vitest';
import { parseStatusPayload } from './status-payload';

describe('parseStatusPayload', () => {
  it.each([
    ['online', true],
    ['offline', false],
    [' online\n', true],
    ['"offline"', false],
    ['{"online":true}', true],
    ['{"online":false,"ts":"2026-11-21T08:00:00Z"}', false],
  ])('reads %j', (payload, online) => {
    expect(parseStatusPayload(Buffer.from(payload))).toBe(online);
  });

  it.each(['', 'ONLINE', 'up', '1', 'true', '{"online":"yes"}', '{"online":true,"extra":1}', '[true]', '{', 'x'.repeat(2000)])('refuses %j', (payload) => {
    expect(parseStatusPayload(Buffer.from(payload))).toBeNull();
  });

  it('refuses invalid UTF-8', () => {
    expect(parseStatusPayload(Buffer.from([0xff, 0xfe]))).toBeNull();
  });
});
