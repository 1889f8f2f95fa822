import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HearthError, notFound, type CallerContext } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import { withdrawCommand } from '../handlers/command-ack';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import { askFor, type TankStateValues } from '../kinds/tank/model/tank-desired';
import { emptyTankTwin } from '../kinds/tank/model/tank-twin';
import { boundGateway } from '../store/device-binding-store';
import { cancelOpenCommand, findCommand, insertCommand, type CommandRecord } from '../store/command-store';
import type { TankConfigStore } from '../kinds/tank/store/tank-config-store';
import type { TankKind } from '../kinds/tank/tank-kind';
import type { CommandDispatcher } from './command-dispatcher';

export interface CommandSettings {
  /** How long a command may wait for its gateway when the caller names no expiry. */
  defaultExpirySeconds: number;
  maxExpirySeconds: number;
}

export const defaultCommandSettings: CommandSettings = { defaultExpirySeconds: 3600, maxExpirySeconds: 7 * 24 * 3600 };

export interface TankDesiredStateRequest {
  inletValveOpen?: boolean | null;
  highHighSetpointMm?: number | null;
  expiresInSeconds?: number | null;
}

/** `user:<id>`, `apiKey:<id>`, `service:<id>`: who asked, as the audit records it. */
export const actorOf = (caller: CallerContext) => `${caller.principal.kind}:${caller.principal.id}`;

/**
 * Operators' desired state and the commands that carry it (DESIGN §4). Setting desired state
 * records a command in the same transaction as the twin's change, then hands it to the dispatcher.
 */
export class DesiredStateService {
  constructor(
    private readonly db: Database,
    private readonly pipeline: IngestPipeline,
    private readonly dispatcher: CommandDispatcher,
    private readonly configs: TankConfigStore,
    private readonly tanks: TankKind,
    private readonly settings: CommandSettings,
  ) {}

  async setTankDesiredState(caller: CallerContext, tankId: string, input: TankDesiredStateRequest): Promise<CommandRecord> {
    // Another tenant's tank (or none) is not found, before anything about the input is said.
    if ((await this.configs.find(tankId))?.tenantId !== caller.tenantId) throw notFound('Tank', tankId);
    const valid = validateInput(requestSchema(this.settings), input);
    const values: TankStateValues = {
      ...(valid.inletValveOpen != null ? { inletValveOpen: valid.inletValveOpen } : {}),
      ...(valid.highHighSetpointMm != null ? { highHighSetpointMm: valid.highHighSetpointMm } : {}),
    };
    const command = await this.pipeline.run(async (tx, batch) => {
      const gatewayId = await boundGateway(tx, caller.tenantId, 'tank', tankId);
      if (!gatewayId) throw new HearthError('DEVICE_NOT_BOUND', `Tank ${tankId} is bound to no gateway, so no command can reach it.`, { tankId });
      const now = new Date();
      const created = await insertCommand(tx, {
        id: randomUUID(),
        tenantId: caller.tenantId,
        kind: 'tank',
        deviceId: tankId,
        gatewayId,
        desired: { ...values },
        requestedBy: actorOf(caller),
        requestId: caller.requestId,
        expiresAt: new Date(now.getTime() + (valid.expiresInSeconds ?? this.settings.defaultExpirySeconds) * 1000),
      });
      const twins = batch.of(this.tanks);
      const twin = twins.get(tankId) ?? emptyTankTwin(tankId, caller.tenantId);
      twins.put({ ...twin, desired: askFor(twin.desired, values, created.id, now), version: twin.version + 1 });
      return created;
    });
    // Sent at once when the gateway can receive; otherwise it waits for the gateway's next subscription.
    await this.dispatcher.deliver(command.gatewayId);
    return (await findCommand(this.db, caller.tenantId, command.id)) ?? command;
  }

  async cancel(caller: CallerContext, commandId: string): Promise<CommandRecord> {
    const existing = await findCommand(this.db, caller.tenantId, commandId);
    if (!existing) throw notFound('Command', commandId);
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

const requestSchema = (settings: CommandSettings) =>
  z
    .object({
      inletValveOpen: z.boolean().nullish(),
      highHighSetpointMm: z.number().min(0).max(100_000).nullish(),
      expiresInSeconds: z.number().int().min(1).max(settings.maxExpirySeconds).nullish(),
    })
    .refine((v) => v.inletValveOpen != null || v.highHighSetpointMm != null, { message: 'set at least one of inletValveOpen, highHighSetpointMm' });
