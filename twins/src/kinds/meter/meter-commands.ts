import type { CommandRecord } from '../../store/command-store';
import { serviceCaller } from '../decision-follower';
import type { KindCore } from '../twin-kind';
import type { MeterCommand } from './model/meter-twin';
import type { MeterKind } from './meter-kind';

/** Who carries out the metering service's supply decisions and the relay's read-backs (recorded on each command and audit entry). */
export const METER_SUPPLY = 'meter-supply';

export interface MeterCommandSettings {
  /**
   * How long a meter has to answer a command before it expires unanswered: a relay command is then
   * read back (READ_RELAY), never repeated blind, and a report against it after this long counts as
   * its read-back.
   */
  answerWithinMs: number;
}

export const defaultMeterCommandSettings: MeterCommandSettings = { answerWithinMs: 60_000 };

/** Audit actions, by command. */
const AUDITED: Record<MeterCommand['action'], string> = {
  TRIP: 'metering.relay-tripped',
  ALLOW_CLOSE: 'metering.relay-close-allowed',
  CLOSE: 'metering.relay-closed',
  ALARM: 'metering.meter-alarmed',
  ALARM_RELEASE: 'metering.meter-alarm-released',
  READ_RELAY: 'metering.relay-read',
};

/**
 * Sends a command to a meter as `service:meter-supply`, audited on `meter:<id>` with what it carries
 * out, expiring after the answer window; the twin shows it at once (`TwinKind.desire`). Throws
 * DEVICE_NOT_BOUND when the meter is bound to no gateway.
 */
export function sendMeterCommand(
  core: KindCore,
  kind: MeterKind,
  tenantId: string,
  meterId: string,
  command: MeterCommand,
  details: Record<string, unknown> = {},
): Promise<CommandRecord> {
  return core.desiredState.request(serviceCaller(METER_SUPPLY, tenantId), kind, {
    deviceId: meterId,
    values: { ...command },
    expiresInSeconds: Math.max(1, Math.ceil(kind.settings.answerWithinMs / 1000)),
    audit: { domain: 'twins', action: AUDITED[command.action], target: `meter:${meterId}`, details: { ...command, ...details } },
  });
}
