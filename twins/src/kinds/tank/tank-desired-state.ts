import { z } from 'zod';
import { ownedOrNotFound, type CallerContext } from '@hearth/platform';
import { validateInput } from '@hearth/platform/graphql';
import type { DesiredStateService } from '../../commands/desired-state.service';
import type { CommandRecord } from '../../store/command-store';
import type { TankStateValues } from './model/tank-desired';
import type { TankConfigStore } from './store/tank-config-store';
import type { TankKind } from './tank-kind';

export interface TankDesiredStateRequest {
  inletValveOpen?: boolean | null;
  highHighSetpointMm?: number | null;
  expiresInSeconds?: number | null;
}

/**
 * Desired state of a tank: its inlet valve and its gauge's high-high trip point. The twin shows it
 * (and the delta until the gauge reports it) and a command carries it to the tank's gateway.
 */
export async function setTankDesiredState(
  deps: { desiredState: DesiredStateService; configs: TankConfigStore; kind: TankKind },
  caller: CallerContext,
  tankId: string,
  input: TankDesiredStateRequest,
): Promise<CommandRecord> {
  // Another tenant's tank (or none) is not found, before anything about the input is said.
  ownedOrNotFound(await deps.configs.find(tankId), caller.tenantId, 'Tank', tankId);
  const valid = validateInput(
    z
      .object({
        inletValveOpen: z.boolean().nullish(),
        highHighSetpointMm: z.number().min(0).max(100_000).nullish(),
        expiresInSeconds: deps.desiredState.expiresInSeconds(),
      })
      .refine((v) => v.inletValveOpen != null || v.highHighSetpointMm != null, { message: 'set at least one of inletValveOpen, highHighSetpointMm' }),
    input,
  );
  const values: TankStateValues = {
    ...(valid.inletValveOpen != null ? { inletValveOpen: valid.inletValveOpen } : {}),
    ...(valid.highHighSetpointMm != null ? { highHighSetpointMm: valid.highHighSetpointMm } : {}),
  };
  return deps.desiredState.request(caller, deps.kind, {
    deviceId: tankId,
    values: { ...values },
    expiresInSeconds: valid.expiresInSeconds,
  });
}
