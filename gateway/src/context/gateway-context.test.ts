import { describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Logger } from '@hearth/platform';
import type { Authenticated } from '../identity/authenticator';
import { gatewayContext } from './gateway-context';

const caller = { kind: 'apiKey', id: 'key-1', tenantId: 'tenant-1', scopes: [], credential: 'apiKey:key-1', expiresAt: Infinity } as Authenticated;

describe('gateway context', () => {
  it('makes its child logger only when something logs, once, with tenant, request and principal', () => {
    const bindings: Record<string, unknown>[] = [];
    const base = pino({ level: 'silent' });
    const parent = { child: (b: Record<string, unknown>) => (bindings.push(b), base.child(b)) } as unknown as Logger;
    const ctx = gatewayContext({ 'x-request-id': 'req-1' }, caller, {}, parent);
    expect(bindings).toEqual([]);
    // Apollo Server copies the context of every operation this way.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(ctx) as object) as typeof ctx, ctx);
    expect(bindings).toEqual([]);
    expect(copy.logger).toBe(copy.logger);
    expect(bindings).toEqual([{ tenantId: 'tenant-1', requestId: 'req-1', principal: 'apiKey:key-1' }]);
    expect(copy).toMatchObject({ caller, tenantId: 'tenant-1', requestId: 'req-1' });
  });
});
