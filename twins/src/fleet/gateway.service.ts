import { z } from 'zod';
import { issueSecret, rotateGatewaySecret } from '@hearth/broker';
import { HearthError, hashSecret, notFound, type CallerContext } from '@hearth/platform';
import { recordAudit } from '@hearth/platform/audit';
import { isUniqueViolation, type Database } from '@hearth/platform/db';
import { decodeCursor, toConnection, validateInput, type Connection } from '@hearth/platform/graphql';
import { gatewayId, gatewayName, issueGatewayId } from './gateway-fields';
import { countGateways, gatewaysByIds, insertGateways, listGateways, takenGatewayIds, type GatewayRecord } from '@hearth/broker';
import { importGateways, type GatewayImportResult } from './import/gateway-import';
import type { ImportFormat } from '@hearth/platform/import';

/** The longest grace period a rotation may give the old secret. */
export const MAX_GRACE_SECONDS = 30 * 24 * 3600;

/** Provisioning gateways: registering (one or many), listing, rotating their secrets. Every change is audited. */
export class GatewayService {
  constructor(private readonly db: Database) {}

  async list(tenantId: string, first: number, after?: string | null): Promise<Connection<GatewayRecord>> {
    const cursor = after ? String(decodeCursor(after, 1)[0]) : undefined;
    const rows = await listGateways(this.db, tenantId, first + 1, cursor);
    return toConnection(
      rows,
      first,
      await countGateways(this.db, tenantId),
      Boolean(after),
      (g) => [g.id],
      (g) => g,
    );
  }

  byIds(tenantId: string, ids: readonly string[]): Promise<Map<string, GatewayRecord>> {
    return gatewaysByIds(this.db, tenantId, ids);
  }

  async get(tenantId: string, id: string): Promise<GatewayRecord> {
    const gateway = (await this.byIds(tenantId, [id])).get(id);
    if (!gateway) throw notFound('Gateway', id);
    return gateway;
  }

  /** Registers a gateway and returns its secret, the only time it is shown. */
  async register(caller: CallerContext, input: { id?: string | null; name: string }): Promise<{ gateway: GatewayRecord; secret: string }> {
    const valid = validateInput(z.object({ id: gatewayId.nullish(), name: gatewayName }), input);
    const id = valid.id ?? issueGatewayId();
    if ((await takenGatewayIds(this.db, [id])).size > 0) throw taken(id);
    const secret = issueSecret();
    // Hashed before the transaction: scrypt takes tens of milliseconds the database need not wait for.
    const secretHash = await hashSecret(secret);
    try {
      await this.db.transaction(async (tx) => {
        await insertGateways(tx, caller.tenantId, [{ id, name: valid.name, secretHash }]);
        await recordAudit(tx, caller, { domain: 'fleet', action: 'gateway.registered', target: `gateway:${id}`, details: { name: valid.name } });
      });
    } catch (err) {
      throw isUniqueViolation(err) ? taken(id) : err;
    }
    return { gateway: await this.get(caller.tenantId, id), secret };
  }

  /**
   * A new secret, shown once; the old one keeps working for `graceSeconds` (0: stops at once),
   * and connections made with it end when the grace does.
   */
  async rotate(caller: CallerContext, id: string, graceSeconds: number): Promise<{ gateway: GatewayRecord; secret: string }> {
    await this.get(caller.tenantId, id);
    validateInput(z.object({ graceSeconds: z.number().int().min(0).max(MAX_GRACE_SECONDS) }), { graceSeconds });
    const rotated = await this.db.transaction(async (tx) => {
      const result = await rotateGatewaySecret(tx, { id, tenantId: caller.tenantId, graceSeconds });
      if (!result) throw notFound('Gateway', id);
      await recordAudit(tx, caller, {
        domain: 'fleet',
        action: 'gateway.secret-rotated',
        target: `gateway:${id}`,
        details: { graceSeconds, previousSecretExpiresAt: result.previousSecretExpiresAt },
      });
      return result;
    });
    return { gateway: await this.get(caller.tenantId, id), secret: rotated.secret };
  }

  import(caller: CallerContext, format: `${ImportFormat}`, data: string): Promise<GatewayImportResult> {
    return importGateways(this.db, caller, format, data);
  }
}

const taken = (id: string) =>
  new HearthError('CONFLICT', `The gateway id ${id} is taken (gateway ids are MQTT user names, unique across the broker); choose another or leave it out.`, {
    field: 'id',
  });
