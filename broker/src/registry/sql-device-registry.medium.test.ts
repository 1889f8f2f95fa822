import { eventually } from '@hearth/testkit/eventually';
import { loadMigrations, migrate, type Database } from '@hearth/platform/db';
import { openTestDatabase } from '@hearth/testkit/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerMigrations } from '../index';
import type { DeviceKind } from '../topics';
import { bindDevice, provisionGateway } from './provisioning';
import { SqlDeviceRegistry } from './sql-device-registry';

const tenant = '00000000-0000-4000-8000-000000000001';
const otherTenant = '00000000-0000-4000-8000-000000000002';

/** Counts the queries the registry sends, to see what the cache saves. */
function counting(db: Database): { db: Database; queries: () => number } {
  let n = 0;
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'query') return (sql: string, params?: unknown[]) => (n++, target.query(sql, params));
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, queries: () => n };
}

describe('SqlDeviceRegistry', () => {
  let db: Database;
  let registry: SqlDeviceRegistry;
  let queries: () => number;

  beforeAll(async () => {
    db = await openTestDatabase();
    await migrate(db, 'fleet', await loadMigrations(brokerMigrations));
    await provisionGateway(db, { id: 'gw-a', tenantId: tenant, name: 'A', secret: 'secret-a' });
    await provisionGateway(db, { id: 'gw-b', tenantId: tenant, name: 'B', secret: 'secret-b' });
    await provisionGateway(db, { id: 'gw-x', tenantId: otherTenant, name: 'X', secret: 'secret-x' });
    await bindDevice(db, { kind: 'tank', id: 'tank-1', tenantId: tenant, gatewayId: 'gw-a' });
    const c = counting(db);
    queries = c.queries;
    // A TTL far beyond the test: only notifications can explain a fresh answer.
    registry = new SqlDeviceRegistry(c.db, { ttlMs: 3_600_000 });
  });
  afterAll(async () => {
    await registry?.close();
    await db?.close();
  });

  /** Waits until the registry, asked through `via`, finds the device bound to `gatewayId` (a notification away). */
  const seenBoundTo = (kind: DeviceKind, id: string, via: string, gatewayId: string) =>
    eventually(`${kind} ${id} bound to ${gatewayId}, asked through ${via}`, async () => {
      const d = await registry.findDevice(kind, id, via);
      return d?.gatewayId === gatewayId ? d : undefined;
    });

  it('authenticates a gateway by its secret and names its tenant', async () => {
    expect(await registry.authenticateGateway('gw-a', 'secret-a')).toEqual({
      gatewayId: 'gw-a',
      tenantId: tenant,
      credential: expect.stringMatching(/^\$scrypt\$/),
    });
    expect(await registry.authenticateGateway('gw-a', 'secret-b')).toBeNull();
    expect(await registry.authenticateGateway('gw-unknown', 'secret-a')).toBeNull();
  });

  it('stores only a hash of the secret', async () => {
    const [row] = await db.query<{ secret_hash: string }>("SELECT secret_hash FROM fleet.gateway WHERE id = 'gw-a'");
    expect(row?.secret_hash).toMatch(/^\$scrypt\$/);
    expect(row?.secret_hash).not.toContain('secret-a');
  });

  it('finds a device binding and answers repeated lookups from its cache', async () => {
    // Through gw-b, which holds no device yet: the device is looked up on its own.
    await registry.findDevice('tank', 'tank-1', 'gw-b');
    const before = queries();
    expect(await registry.findDevice('tank', 'tank-1', 'gw-b')).toEqual({ tenantId: tenant, gatewayId: 'gw-a' });
    await Promise.all([registry.findDevice('pump', 'nope', 'gw-b'), registry.findDevice('pump', 'nope', 'gw-b')]);
    expect(await registry.findDevice('pump', 'nope', 'gw-b')).toBeNull();
    expect(queries() - before).toBe(1);
  });

  it('sees a rebinding at once, told by the hearth_fleet notification', async () => {
    expect(await registry.findDevice('tank', 'tank-1', 'gw-b')).toMatchObject({ gatewayId: 'gw-a' });
    await bindDevice(db, { kind: 'tank', id: 'tank-1', tenantId: tenant, gatewayId: 'gw-b' });
    expect(await seenBoundTo('tank', 'tank-1', 'gw-a', 'gw-b')).toMatchObject({ gatewayId: 'gw-b' });
  });

  it('sees a device bound after it was looked up and found missing', async () => {
    expect(await registry.findDevice('meter', 'meter-7', 'gw-b')).toBeNull();
    await bindDevice(db, { kind: 'meter', id: 'meter-7', tenantId: tenant, gatewayId: 'gw-a' });
    expect(
      await eventually('meter-7 found', async () => {
        const d = await registry.findDevice('meter', 'meter-7', 'gw-b');
        return d !== null ? d : undefined;
      }),
    ).toEqual({ tenantId: tenant, gatewayId: 'gw-a' });
  });

  it("keeps two tenants' devices of the same kind and id apart: each is found only through its own tenant's gateways", async () => {
    await bindDevice(db, { kind: 'meter', id: 'm-1', tenantId: tenant, gatewayId: 'gw-a' });
    await bindDevice(db, { kind: 'meter', id: 'm-1', tenantId: otherTenant, gatewayId: 'gw-x' });
    await bindDevice(db, { kind: 'meter', id: 'only-x', tenantId: otherTenant, gatewayId: 'gw-x' });
    await new Promise((r) => setTimeout(r, 20));
    expect(await registry.findDevice('meter', 'm-1', 'gw-a')).toEqual({ tenantId: tenant, gatewayId: 'gw-a' });
    expect(await registry.findDevice('meter', 'm-1', 'gw-b')).toEqual({ tenantId: tenant, gatewayId: 'gw-a' });
    expect(await registry.findDevice('meter', 'm-1', 'gw-x')).toEqual({ tenantId: otherTenant, gatewayId: 'gw-x' });
    expect(await registry.findDevice('meter', 'only-x', 'gw-a')).toBeNull();

    // Moving one tenant's m-1 drops that tenant's entries only.
    await bindDevice(db, { kind: 'meter', id: 'm-1', tenantId: tenant, gatewayId: 'gw-b' });
    expect(await seenBoundTo('meter', 'm-1', 'gw-a', 'gw-b')).toEqual({ tenantId: tenant, gatewayId: 'gw-b' });
    const before = queries();
    expect(await registry.findDevice('meter', 'm-1', 'gw-x')).toEqual({ tenantId: otherTenant, gatewayId: 'gw-x' });
    expect(queries() - before).toBe(0);
  });

  it("answers a publish's device from its gateway's bindings, loaded in one query, and sees them change", async () => {
    await bindDevice(db, { kind: 'meter', id: 'meter-a1', tenantId: tenant, gatewayId: 'gw-a' });
    await bindDevice(db, { kind: 'meter', id: 'meter-a2', tenantId: tenant, gatewayId: 'gw-a' });
    // The notifications of those bindings arrive after the commit; let them pass.
    await new Promise((r) => setTimeout(r, 20));
    const before = queries();
    registry.gatewayConnected('gw-a');
    expect(await registry.findDevice('meter', 'meter-a1', 'gw-a')).toEqual({ tenantId: tenant, gatewayId: 'gw-a' });
    expect(await registry.findDevice('meter', 'meter-a2', 'gw-a')).toEqual({ tenantId: tenant, gatewayId: 'gw-a' });
    expect(queries() - before).toBe(1);

    // Moved to another gateway: refused through the old one at once.
    await bindDevice(db, { kind: 'meter', id: 'meter-a2', tenantId: tenant, gatewayId: 'gw-b' });
    expect(await seenBoundTo('meter', 'meter-a2', 'gw-a', 'gw-b')).toEqual({ tenantId: tenant, gatewayId: 'gw-b' });
    // Bound to a gateway whose bindings are loaded: found through it, with one more query for them all.
    expect(await registry.findDevice('meter', 'meter-a2', 'gw-b')).toEqual({ tenantId: tenant, gatewayId: 'gw-b' });
    await bindDevice(db, { kind: 'meter', id: 'meter-a3', tenantId: tenant, gatewayId: 'gw-b' });
    expect(await eventually('meter-a3 found through gw-b', async () => (await registry.findDevice('meter', 'meter-a3', 'gw-b')) ?? undefined)).toEqual({
      tenantId: tenant,
      gatewayId: 'gw-b',
    });
  });

  it('sees a changed secret', async () => {
    expect(await registry.authenticateGateway('gw-b', 'secret-b')).not.toBeNull();
    const { hashSecret } = await import('@hearth/platform');
    await db.query("UPDATE fleet.gateway SET secret_hash = $1 WHERE id = 'gw-b'", [await hashSecret('rotated')]);
    expect(await eventually('the rotated secret accepted', async () => (await registry.authenticateGateway('gw-b', 'rotated')) ?? undefined)).toMatchObject({
      gatewayId: 'gw-b',
    });
    expect(await registry.authenticateGateway('gw-b', 'secret-b')).toBeNull();
  });

  it('accepts a rotated secret until its grace ends, saying until when, and re-checks a credential', async () => {
    const { rotateGatewaySecret } = await import('./provisioning');
    const old = await registry.authenticateGateway('gw-a', 'secret-a');
    const rotated = await rotateGatewaySecret(db, { id: 'gw-a', tenantId: tenant, graceSeconds: 3600, secret: 'secret-a2' });
    const viaOld = await eventually('the rotation seen', async () => {
      const a = await registry.authenticateGateway('gw-a', 'secret-a');
      return a?.validUntil ? a : undefined;
    });
    expect(viaOld.validUntil).toEqual(rotated!.previousSecretExpiresAt);
    expect(await registry.authenticateGateway('gw-a', 'secret-a2')).toMatchObject({ gatewayId: 'gw-a' });
    expect(await registry.credentialStanding('gw-a', old!.credential)).toEqual({ valid: true, validUntil: rotated!.previousSecretExpiresAt });
    await db.query("UPDATE fleet.gateway SET previous_secret_expires_at = now() - interval '1 second' WHERE id = 'gw-a'");
    await eventually('the old secret refused', async () => ((await registry.authenticateGateway('gw-a', 'secret-a')) === null ? true : undefined));
    expect(await registry.credentialStanding('gw-a', old!.credential)).toEqual({ valid: false });
  });

  it('drops everything it cached on a hearth_fleet notification it cannot read', async () => {
    expect(await registry.findDevice('tank', 'tank-1', 'gw-b')).toMatchObject({ gatewayId: 'gw-b' });
    // A change no trigger reports (a bulk load with triggers off), followed by a bare notification.
    await db.exec(`ALTER TABLE fleet.device DISABLE TRIGGER device_notify;
      UPDATE fleet.device SET gateway_id = 'gw-a' WHERE kind = 'tank' AND id = 'tank-1';
      ALTER TABLE fleet.device ENABLE TRIGGER device_notify;`);
    expect(await registry.findDevice('tank', 'tank-1', 'gw-b')).toMatchObject({ gatewayId: 'gw-b' });
    await db.notify('hearth_fleet', 'reload');
    expect(await seenBoundTo('tank', 'tank-1', 'gw-b', 'gw-a')).toMatchObject({ gatewayId: 'gw-a' });
  });

  it('refuses to bind a device to a gateway of another tenant, and ids that cannot be topic levels', async () => {
    await expect(bindDevice(db, { kind: 'tank', id: 'tank-2', tenantId: tenant, gatewayId: 'gw-x' })).rejects.toThrow();
    await expect(bindDevice(db, { kind: 'tank', id: 'a/b', tenantId: tenant, gatewayId: 'gw-a' })).rejects.toThrow();
    await expect(provisionGateway(db, { id: 'GW+1', tenantId: tenant, name: 'bad' })).rejects.toThrow();
  });

  it('issues a secret when none is given, and it works', async () => {
    const { secret } = await provisionGateway(db, { id: 'gw-new', tenantId: tenant, name: 'New' });
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(await registry.authenticateGateway('gw-new', secret)).toMatchObject({ gatewayId: 'gw-new', tenantId: tenant });
  });
});
