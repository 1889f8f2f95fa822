import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { actorOf, HearthError, notFound, type CallerContext } from '@hearth/platform';
import { recordAudit, type AuditRecord } from '@hearth/platform/audit';
import type { Database } from '@hearth/platform/db';
import { withdrawCommand } from '../handlers/command-ack';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import type { DeviceTwin, TwinKind } from '../kinds/twin-kind';
import { boundGateway } from '@hearth/broker';
import { cancelOpenCommand, findCommand, insertCommand, type CommandRecord } from '../store/command-store';
import type { CommandDispatcher } from './command-dispatcher';
import type { HolderRoute } from '../instances/holder-route';

export interface CommandSettings {
  /** How long a command may wait for its gateway when the caller names no expiry. */
  defaultExpirySeconds: number;
  maxExpirySeconds: number;
}

export const defaultCommandSettings: CommandSettings = { defaultExpirySeconds: 3600, maxExpirySeconds: 7 * 24 * 3600 };

/** What a kind asks of its device: the values (named as the kind names them; its `desire` shows them on the twin meanwhile). */
export interface DesiredStateRequest {
  deviceId: string;
  values: Record<string, unknown>;
  /** Validated by the kind's input schema with `expiresInSeconds` (below); the default applies when absent. */
  expiresInSeconds?: number | null;
  /** Recorded in the audit log with the command, in its transaction (an interlock acting on its own); the command's id joins the details. */
  audit?: AuditRecord;
}

/**
 * Operators' desired state and the commands that carry it (DESIGN §4), for every kind. Setting desired
 * state records a command in the same transaction as the twin's change, then hands it to the
 * dispatcher; a cancelled, rejected or expired command takes back what it asked for (`TwinKind.withdraw`).
 */
export class DesiredStateService {
  constructor(
    private readonly db: Database,
    private readonly pipeline: IngestPipeline,
    private readonly dispatcher: CommandDispatcher,
    readonly settings: CommandSettings,
    /** Where work on a twin goes when another instance holds its gateway (ADR 0014); absent: this is the only instance. */
    private readonly route?: HolderRoute,
  ) {}

  /** The expiry a caller may ask for, as a field of a kind's input schema. */
  expiresInSeconds() {
    return z.number().int().min(1).max(this.settings.maxExpirySeconds).nullish();
  }

  /** Records the command and the twin's desired state in one task; sends it at once when its gateway can receive. */
  async request<State extends DeviceTwin, Row>(
    caller: CallerContext,
    kind: TwinKind<State, Row>,
    request: DesiredStateRequest,
    /** Asked by another instance, which found this one holding the gateway: carried out here, whatever happened since. */
    forwarded = false,
  ): Promise<CommandRecord> {
    const { deviceId } = request;
    const desire = kind.desire;
    if (!desire) throw new Error(`Twin kind ${kind.kind} takes no commands (it has no desire hook)`);
    if (!forwarded) {
      const gatewayId = this.route && (await boundGateway(this.db, caller.tenantId, kind.kind, deviceId));
      const done = await this.route?.forward<CommandRecord>(gatewayId, { op: 'desire', kind: kind.kind, caller, request });
      if (done) return done;
    }
    const command = await this.pipeline.run(async (tx, batch) => {
      const gatewayId = await boundGateway(tx, caller.tenantId, kind.kind, deviceId);
      if (!gatewayId)
        throw new HearthError(
          'DEVICE_NOT_BOUND',
          `${kind.asset?.entity ?? `Device ${kind.kind}`} ${deviceId} is bound to no gateway, so no command can reach it.`,
          {
            [`${kind.kind}Id`]: deviceId,
          },
        );
      const now = new Date();
      const created = await insertCommand(tx, {
        id: randomUUID(),
        tenantId: caller.tenantId,
        kind: kind.kind,
        deviceId,
        gatewayId,
        desired: request.values,
        requestedBy: actorOf(caller),
        requestId: caller.requestId,
        expiresAt: new Date(now.getTime() + (request.expiresInSeconds ?? this.settings.defaultExpirySeconds) * 1000),
      });
      const twins = batch.of(kind);
      twins.put(desire(twins.get(deviceId), { tenantId: caller.tenantId, deviceId, commandId: created.id, values: request.values, at: now }));
      if (request.audit) await recordAudit(tx, caller, { ...request.audit, details: { ...request.audit.details, commandId: created.id } });
      return created;
    });
    // Sent at once when the gateway can receive; otherwise it waits for the gateway's next subscription.
    await this.dispatcher.deliver(command.gatewayId);
    return (await findCommand(this.db, caller.tenantId, command.id)) ?? command;
  }

  async cancel(caller: CallerContext, commandId: string, forwarded = false): Promise<CommandRecord> {
    const existing = await findCommand(this.db, caller.tenantId, commandId);
    if (!existing) throw notFound('Command', commandId);
    if (!forwarded) {
      const done = await this.route?.forward<CommandRecord>(existing.gatewayId, { op: 'cancel', caller, commandId });
      if (done) return done;
    }
    return this.pipeline.run(async (tx, batch) => {
      const cancelled = await cancelOpenCommand(tx, caller.tenantId, commandId, actorOf(caller));
      if (!cancelled) {
        const status = (await findCommand(tx, caller.tenantId, commandId))?.status ?? existing.status;
        throw new HearthError('INVALID_COMMAND_TRANSITION', `Command ${commandId} is ${status} (or expired) and can no longer be cancelled.`, { status });
      }
      withdrawCommand(batch, cancelled.kind, cancelled.deviceId, cancelled.id);
      return cancelled;
    });
  }
}
