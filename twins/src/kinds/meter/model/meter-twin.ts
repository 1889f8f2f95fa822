import type { DeviceTwin } from '../../../model/device-twin';
import { effectiveTime, heardFrom, unheard, type SampleCursor } from '../../../model/sample-order';
import { toMilli, type MeterKind, type MeterTelemetry } from '../meter-messages';
import { commandEnded, commandSent, initialRelay, isRelayAction, relayReported, type MeterAction, type Relay } from './relay';

/** A prepaid meter's twin: its register, its relay, what it says is left on it. Its balance is the metering service's (`MeterBalances`). */
export interface MeterTwinState extends DeviceTwin, SampleCursor {
  meterId: string;
  /** The register reported last (by `observedAt`), in milli-units (Wh, litres); null before any. */
  registerMilli: number | null;
  /** What that register counts: kWh for ELECTRICITY, m³ for GAS (the register it was reported in). */
  registerKind: MeterKind | null;
  /** When the meter read that register. */
  observedAt: Date | null;
  /** What a local-prepay meter last said is left on it, fen; null when it never said. */
  remainingMoneyMinor: number | null;
  relay: Relay;
  /** The last ALARM command sent (the meter sounds its own balance alarm). */
  lastAlarmCommandId: string | null;
}

export const emptyMeterTwin = (meterId: string, tenantId: string): MeterTwinState => ({
  ...unheard(tenantId),
  meterId,
  registerMilli: null,
  registerKind: null,
  observedAt: null,
  remainingMoneyMinor: null,
  relay: initialRelay(),
  lastAlarmCommandId: null,
});

/** One register reading, as `twins.meter_reading` keeps it for the metering service to charge. */
export interface MeterReadingRow {
  tenantId: string;
  meterId: string;
  observedAt: Date;
  registerMilli: number;
  remainingMoneyMinor: number | null;
  relay: 'OPEN' | 'CLOSED' | null;
}

export type Origin = { gatewayId: string; receivedAt: Date };

/**
 * A telemetry sample (pure): a register reading becomes a row for the metering service whenever it
 * came (a late one too: the metering service judges it), and moves the twin only when it is the
 * newest; so does the relay it reports (see `relayReported`). `answerWithinMs`: how long a relay
 * command may take before a report against it counts as its read-back.
 */
export function applyMeterTelemetry(
  twin: MeterTwinState,
  sample: { ts: Date; seq?: number; boot?: number; values: MeterTelemetry },
  origin: Origin,
  answerWithinMs: number,
): { state: MeterTwinState; row: MeterReadingRow | null } {
  const at = effectiveTime(sample.ts, origin.receivedAt);
  const { registerKwh, registerM3, relay, remainingMoneyMinor } = sample.values;
  const units = registerKwh ?? registerM3;
  const registerKind: MeterKind | null = registerKwh !== undefined ? 'ELECTRICITY' : registerM3 !== undefined ? 'GAS' : null;
  const row: MeterReadingRow | null =
    units === undefined
      ? null
      : {
          tenantId: twin.tenantId,
          meterId: twin.meterId,
          observedAt: at,
          registerMilli: toMilli(units),
          remainingMoneyMinor: remainingMoneyMinor ?? null,
          relay: relay ?? null,
        };
  const base = heardFrom(twin, sample, origin);
  if (twin.reportedAt !== null && at < twin.reportedAt) return { state: base, row };
  const newer = units !== undefined && (twin.observedAt === null || at >= twin.observedAt);
  return {
    state: {
      ...base,
      reportedAt: at,
      registerMilli: newer ? toMilli(units) : twin.registerMilli,
      registerKind: newer ? registerKind : twin.registerKind,
      observedAt: newer ? at : twin.observedAt,
      remainingMoneyMinor: remainingMoneyMinor ?? twin.remainingMoneyMinor,
      relay: relay ? relayReported(twin.relay, relay, at, answerWithinMs) : twin.relay,
    },
    row,
  };
}

/** What a meter command's desired values are (`{ action, supplyEventId?, reason? }`). */
export interface MeterCommand {
  action: MeterAction;
  /** The supply decision it carries out (`metering.supply_event.id`); absent for the kind's own read-backs and retries. */
  supplyEventId?: string;
  reason?: string;
}

/** The device's payload beside the command's `id` (the MQTT contract): `{ "action" }`; desired values of no meter command add nothing. */
export function meterCommandFields(desired: Record<string, unknown>): Record<string, unknown> {
  const action = (desired as Partial<MeterCommand>).action;
  return action ? { action } : {};
}

/** A command recorded for the meter (`TwinKind.desire`): the relay shows it at once. */
export function desired(twin: MeterTwinState, command: MeterCommand, commandId: string, at: Date): MeterTwinState {
  if (command.action === 'ALARM') return { ...twin, lastAlarmCommandId: commandId, version: twin.version + 1 };
  if (command.action !== 'READ_RELAY' && !isRelayAction(command.action)) return twin;
  return { ...twin, relay: commandSent(twin.relay, command.action, commandId, at), version: twin.version + 1 };
}

/** A command that ended without being carried out (`TwinKind.withdraw`): see `commandEnded`. */
export function withdrawn(twin: MeterTwinState, commandId: string): MeterTwinState {
  const relay = commandEnded(twin.relay, commandId);
  return relay === twin.relay ? twin : { ...twin, relay, version: twin.version + 1 };
}
