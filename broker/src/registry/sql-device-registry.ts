import type { Database } from '@hearth/platform/db';
import type { Logger } from '@hearth/platform';
import { deviceKey, type DeviceKind } from '../topics';
import type { AuthenticatedGateway, CredentialStanding, DeviceRegistry } from '../types';
import { unmatchableHash, verifySecret } from '@hearth/platform';
import { gatewayCredentials, type GatewayCredentials } from './gateway-credentials';
import { TtlCache } from './ttl-cache';
import { boundGateway } from './fleet-queries';

export const fleetChannel = 'hearth_fleet';

export interface SqlDeviceRegistryOptions {
  /** How long a lookup is trusted without a notification (covers a lost LISTEN connection). Default 60 s. */
  ttlMs?: number;
  /** Most cached lookups per table; unknown ids are cached too, so a flood of them stays bounded. */
  maxEntries?: number;
  logger?: Logger;
}

type GatewayRow = { tenantId: string; credentials: GatewayCredentials };
type DeviceRow = { tenantId: string; gatewayId: string };
/** The devices bound to one gateway (`kind/id`); they all share its tenant. */
type GatewayBindings = { tenantId: string; devices: Set<string> } | null;

/**
 * Gateways and device bindings from `fleet.*`, cached: every publish asks `findDevice`, so it must
 * not cost a query. A gateway's bindings are loaded together, in one query, when it connects (or
 * at its first publish): a gateway of 5,000 devices must not cost 5,000 queries before its first
 * messages are acknowledged, on every start. Devices asked for outside their gateway's bindings
 * (unknown, bound elsewhere, bound a moment ago) are looked up one by one, among the devices of
 * that gateway's tenant: device ids are a namespace per tenant. Triggers
 * `NOTIFY hearth_fleet` on every change and the entries concerned are dropped; a TTL bounds
 * staleness should a notification be lost.
 */
export class SqlDeviceRegistry implements DeviceRegistry {
  private readonly gateways: TtlCache<GatewayRow | null>;
  private readonly devices: TtlCache<DeviceRow | null>;
  private readonly bindings: TtlCache<GatewayBindings>;
  private readonly listening: Promise<(() => Promise<void>) | undefined>;
  private readonly gatewayListeners = new Set<(gatewayId: string) => void>();

  constructor(
    private readonly db: Database,
    private readonly options: SqlDeviceRegistryOptions = {},
  ) {
    this.gateways = new TtlCache(options.ttlMs ?? 60_000, options.maxEntries ?? 10_000);
    this.devices = new TtlCache(options.ttlMs ?? 60_000, options.maxEntries ?? 100_000);
    this.bindings = new TtlCache(options.ttlMs ?? 60_000, options.maxEntries ?? 10_000);
    this.listening = db
      .listen(fleetChannel, (payload) => this.invalidate(payload))
      .catch((err: unknown) => {
        // Without notifications the TTL alone bounds staleness.
        options.logger?.warn({ err }, `LISTEN ${fleetChannel} failed; fleet changes apply after the cache TTL`);
        return undefined;
      });
  }

  async authenticateGateway(gatewayId: string, secret: string): Promise<AuthenticatedGateway | null> {
    const row = await this.lookupGateway(gatewayId);
    const now = new Date();
    // An unknown id costs the same scrypt as a wrong secret, so timing does not tell which ids exist.
    if (await verifySecret(secret, row?.credentials.current ?? unmatchableHash())) {
      return row ? { gatewayId, tenantId: row.tenantId, credential: row.credentials.current } : null;
    }
    // The secret a rotation replaced still opens the door until its grace period ends.
    const previous = row?.credentials.previous;
    if (!row || !previous || previous.expiresAt <= now || !(await verifySecret(secret, previous.hash))) return null;
    return { gatewayId, tenantId: row.tenantId, credential: previous.hash, validUntil: previous.expiresAt };
  }

  async credentialStanding(gatewayId: string, credential: string): Promise<CredentialStanding> {
    const row = await this.lookupGateway(gatewayId);
    if (row?.credentials.current === credential) return { valid: true };
    const previous = row?.credentials.previous;
    if (previous?.hash === credential && previous.expiresAt > new Date()) return { valid: true, validUntil: previous.expiresAt };
    return { valid: false };
  }

  onGatewayChange(listener: (gatewayId: string) => void): () => void {
    this.gatewayListeners.add(listener);
    return () => this.gatewayListeners.delete(listener);
  }

  /** Loads the bindings of a gateway that just connected, so its first publishes find them cached. */
  gatewayConnected(gatewayId: string): void {
    void this.gatewayBindings(gatewayId).catch((err: unknown) =>
      this.options.logger?.warn({ err, gatewayId }, 'loading the device bindings of a gateway failed; its devices are looked up as they publish'),
    );
  }

  knownDevice(kind: DeviceKind, deviceId: string, via: string): DeviceRow | undefined {
    const bound = this.bindings.peek(via)?.value;
    return bound?.devices.has(`${kind}/${deviceId}`) ? { tenantId: bound.tenantId, gatewayId: via } : undefined;
  }

  async findDevice(kind: DeviceKind, deviceId: string, via: string): Promise<DeviceRow | null> {
    const bound = await this.gatewayBindings(via);
    if (bound?.devices.has(`${kind}/${deviceId}`)) return { tenantId: bound.tenantId, gatewayId: via };
    // Device ids are per tenant: the publishing gateway's tenant says whose device the topic names.
    const tenantId = bound?.tenantId ?? (await this.lookupGateway(via))?.tenantId;
    if (tenantId === undefined) return null;
    return this.devices.get(deviceKey(tenantId, kind, deviceId), async () => {
      const gatewayId = await boundGateway(this.db, tenantId, kind, deviceId);
      return gatewayId ? { tenantId, gatewayId } : null;
    });
  }

  /** Drops the cached entries a `hearth_fleet` payload names (everything, if it names nothing we know). */
  invalidate(payload?: string): void {
    try {
      const change = JSON.parse(payload ?? '') as { table?: string; tenant?: string; kind?: string; id?: string; gateway?: string };
      if (change.table === 'device' && change.kind && change.id) {
        // Notifications from before migration 0005 do not say whose device: any tenant's could have changed.
        if (change.tenant) this.devices.delete(deviceKey(change.tenant, change.kind, change.id));
        else this.devices.clear();
        // Notifications from before migration 0004 do not say which gateway: any could hold the device.
        if (change.gateway) this.bindings.delete(change.gateway);
        else this.bindings.clear();
        return;
      }
      if (change.table === 'gateway' && change.id) {
        this.gateways.delete(change.id);
        this.bindings.delete(change.id);
        return this.announce(change.id);
      }
    } catch {
      // not ours or not JSON: fall through
    }
    this.gateways.clear();
    this.devices.clear();
    this.bindings.clear();
  }

  async close(): Promise<void> {
    const unlisten = await this.listening;
    await unlisten?.().catch(() => undefined);
  }

  private announce(gatewayId: string): void {
    for (const listener of this.gatewayListeners) {
      try {
        listener(gatewayId);
      } catch (err) {
        this.options.logger?.error({ err, gatewayId }, 'gateway change listener failed');
      }
    }
  }

  private async gatewayBindings(gatewayId: string): Promise<GatewayBindings> {
    await this.listening;
    return this.bindings.get(gatewayId, async () => {
      const rows = await this.db.query<{ key: string; tenant_id: string }>(
        `SELECT kind || '/' || id AS key, tenant_id FROM fleet.device WHERE gateway_id = $1`,
        [gatewayId],
      );
      return rows.length === 0 ? null : { tenantId: rows[0]!.tenant_id, devices: new Set(rows.map((r) => r.key)) };
    });
  }

  private async lookupGateway(gatewayId: string): Promise<GatewayRow | null> {
    await this.listening;
    return this.gateways.get(gatewayId, async () => {
      const [row] = await this.db.query<{ tenant_id: string } & Parameters<typeof gatewayCredentials>[0]>(
        'SELECT tenant_id, secret_hash, previous_secret_hash, previous_secret_expires_at FROM fleet.gateway WHERE id = $1',
        [gatewayId],
      );
      return row ? { tenantId: row.tenant_id, credentials: gatewayCredentials(row) } : null;
    });
  }
}
