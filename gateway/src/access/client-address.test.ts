import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, isProxyEntry, trustedProxies } from './client-address';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('is the socket peer, and X-Forwarded-For is ignored, without trusted proxies', () => {
    expect(clientAddress(request('203.0.113.7', '198.51.100.1'), undefined)).toBe('203.0.113.7');
  });

  it('behind a trusted balancer is the hop it appended, never one the caller wrote further left', () => {
    const trusted = trustedProxies(['10.0.0.0/8']);
    expect(clientAddress(request('10.0.0.5', '203.0.113.7'), trusted)).toBe('203.0.113.7');
    expect(clientAddress(request('::ffff:10.0.0.5', '198.51.100.99, 203.0.113.7, 10.0.0.9'), trusted)).toBe('203.0.113.7');
    // A caller that reaches the gateway directly cannot name another address.
    expect(clientAddress(request('203.0.113.7', '198.51.100.99'), trusted)).toBe('203.0.113.7');
  });

  it('takes `private` for every private range, and refuses entries that are not addresses or ranges', () => {
    const trusted = trustedProxies(['private']);
    expect(clientAddress(request('172.18.0.4', '203.0.113.7'), trusted)).toBe('203.0.113.7');
    expect(clientAddress(request('fd00::4', '2001:db8::1'), trusted)).toBe('2001:db8::1');
    expect(['private', '10.0.0.1', '10.0.0.0/8', 'fd00::/8'].every(isProxyEntry)).toBe(true);
    expect(['10.0.0.0/33', 'balancer', '10.0.0.0/8/1', ''].some(isProxyEntry)).toBe(false);
  });
});
