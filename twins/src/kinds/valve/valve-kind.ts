import { randomUUID } from 'node:crypto';
import { HearthError, notFound, type CallerContext } from '@hearth/platform';
import { applySamples } from '../apply-samples';
import type { CommandRecord } from '../../store/command-store';
import { boundGateway } from '@hearth/broker';
import { KeyedTwins } from '../keyed-twins';
import { TwinEvents } from '../twin-events';
import type { KindCore, TwinKind } from '../twin-kind';
import { applyValveSample, emptyValveTwin, operated, tripped, withdrawn, type ValveInterlock, type ValveTwinState } from './model/valve-twin';
import { valveGraphql } from './schema/valve-graphql';
import { insertValveReadings, valveTwinStore, type ValveReadingRow } from './store/valve-store';
import { valveTelemetry } from './valve-metrics';

/** Why a valve may not be opened now (a safety interlock holds it), or null. Registered by the kinds that hold valves closed. */
export type OpenGuard = (valve: ValveTwinState) => { code: 'INTERLOCK_ACTIVE'; message: string; details: Record<string, unknown> } | null;

export interface ValveKind extends TwinKind<ValveTwinState, ValveReadingRow> {
  readonly events: TwinEvents<ValveTwinState>;
  /** An operator opens or closes the valve: a command to its gateway, refused while a guard holds it closed. */
  operate(caller: CallerContext, valveId: string, open: boolean, expiresInSeconds?: number | null): Promise<CommandRecord>;
  /** A safety interlock closes the valve: an audited command by the service (`service:interlock`), and the interlock on its twin. */
  trip(tenantId: string, valveId: string, trip: Omit<ValveInterlock, 'closedAt' | 'trippedAt' | 'commandId'>): Promise<CommandRecord>;
  /** Adds a condition under which the valve may not be opened. */
  guardOpening(guard: OpenGuard): void;
}

/**
 * Gas shut-off valves: telemetry reports the position (and fault bits), desired state is the
 * position operators or interlocks ask for, sent as a command whose payload says `"action":
 * "CLOSE" | "OPEN"`. A valve closed by an interlock is opened only by an operator, once every
 * guard allows it.
 */
export function valveKind(): ValveKind {
  const twins = new KeyedTwins<ValveTwinState>(
    (t) => t.valveId,
    (db, each) => valveTwinStore.load(db, each),
  );
  const events = new TwinEvents<ValveTwinState>((t) => t.valveId);
  const guards: OpenGuard[] = [];
  // The core's services, handed over before the first message (`connect`).
  let connected: KindCore | undefined;
  const core = () => connected ?? fail();

  const kind: ValveKind = {
    kind: 'valve',
    twins,
    events,
    idOf: (twin) => twin.valveId,
    telemetry: valveTelemetry,
    migrations: new URL('./migrations/', import.meta.url),
    handlers: {
      telemetry: (message, batch) => {
        const origin = { gatewayId: message.gatewayId, receivedAt: message.receivedAt };
        return applySamples(
          message,
          batch,
          () => emptyValveTwin(message.deviceId, message.tenantId),
          (twin, sample) => {
            const values = sample.values as { open?: boolean; fault?: number };
            const applied = applyValveSample(twin, { ...sample, ...values }, origin, randomUUID);
            batch.rows.push({
              time: sample.ts,
              tenantId: message.tenantId,
              valveId: message.deviceId,
              open: values.open ?? null,
              fault: values.fault ?? null,
              seq: sample.seq ?? null,
              receivedAt: message.receivedAt,
            });
            for (const change of applied.changes) batch.alarms.push({ tenantId: message.tenantId, assetKind: 'valve', assetId: message.deviceId, change });
            return applied.state;
          },
        );
      },
    },
    save: async (tx, changed, rows) => {
      await Promise.all([valveTwinStore.save(tx, changed), insertValveReadings(tx, rows)]);
    },
    desire: (twin, { tenantId, deviceId, commandId, values, at }) => {
      const valve = twin ?? emptyValveTwin(deviceId, tenantId);
      const interlock = values.interlock as Omit<ValveInterlock, 'closedAt' | 'trippedAt' | 'commandId'> | undefined;
      return interlock ? tripped(valve, { ...interlock, commandId }, at) : operated(valve, values.open === true, commandId, at);
    },
    withdraw: withdrawn,
    commandFields: (desired) => (typeof desired.open === 'boolean' ? { action: desired.open ? 'OPEN' : 'CLOSE' } : {}),
    publish: (changed) => events.publish(changed),
    connect: (services) => {
      connected = services;
    },
    graphql: (core) => valveGraphql({ ...core, kind }),

    async operate(caller, valveId, open, expiresInSeconds) {
      // Another tenant's valve, or none: not found, before anything else is said about it.
      if (!(await boundGateway(core().db, caller.tenantId, 'valve', valveId))) throw notFound('Valve', valveId);
      const current = twins.get(valveId);
      if (open && current) {
        for (const guard of guards) {
          const refusal = guard(current);
          if (refusal) throw new HearthError(refusal.code, refusal.message, refusal.details);
        }
      }
      return core().desiredState.request(caller, kind, {
        deviceId: valveId,
        values: { open },
        expiresInSeconds,
      });
    },

    trip(tenantId, valveId, trip) {
      const caller: CallerContext = { tenantId, requestId: randomUUID(), principal: { kind: 'service', id: `interlock:${trip.detectorId}` }, scopes: [] };
      return core().desiredState.request(caller, kind, {
        deviceId: valveId,
        // The interlock that closes it goes with the command, so its twin can show why.
        values: { open: false, interlock: trip },
        audit: {
          domain: 'twins',
          action: 'interlock.tripped',
          target: `valve:${valveId}`,
          details: { detectorId: trip.detectorId, lelPercent: trip.lelPercent },
        },
      });
    },

    guardOpening: (guard) => void guards.push(guard),
  };
  return kind;
}

const fail = (): never => {
  throw new Error('The valve kind is used before the twins service connected it');
};
