import { isOverfill } from '@hearth/platform/domain';
import { withChanges, type AlarmChange, type AlarmSeverity, type OpenAlarm } from '../../../model/alarm';
import type { DeviceTwin } from '../../../model/device-twin';
import { effectiveTime, heardFrom, unheard, type SampleCursor } from '../../../model/sample-order';
import { SCALE_LOCK_REASONS, type FillingDecision, type ScaleLockReason } from './filling-decision';

/**
 * Whether the scale may fill, and for which cylinder: what the interlock last decided (and sent as
 * a command), or the scale's own lock after a fill. The device shows no lock state of its own, so
 * the twin shows what was commanded.
 */
export interface ScaleInterlock {
  state: 'LOCKED' | 'RELEASED';
  /** The tag it was decided for; null before any. */
  tag: string | null;
  cylinderId: string | null;
  /** Why it is locked; null when released. */
  reason: ScaleLockReason | null;
  message: string | null;
  /** The LOCK or RELEASE command that carries it; null for the scale's own lock after a fill. */
  commandId: string | null;
  decidedAt: Date;
  /** The released cylinder's spec limits (a fill is judged against them); null when locked. */
  maxFillKg: number | null;
  toleranceKg: number | null;
}

export interface ScaleFillSummary {
  tag: string;
  /** The released cylinder when the fill was of its tag; null otherwise. */
  cylinderId: string | null;
  netKg: number;
  at: Date;
  /** Over the spec's maximum plus tolerance; null when not judged (the scale was not released for it). */
  overfill: boolean | null;
}

/** A tag read: reads of one tag closer together than `PRESENTATION_GAP_MS` are one presentation of the cylinder. */
export interface TagRead {
  tag: string;
  at: Date;
}

/** A cylinder filling scale's twin: live weight, interlock, last fill, connectivity and alarms. */
export interface ScaleTwinState extends DeviceTwin, SampleCursor {
  scaleId: string;
  /** Live weight on the platform, kg; null before it reported. */
  weightKg: number | null;
  interlock: ScaleInterlock | null;
  lastFill: ScaleFillSummary | null;
  /** The filling station it stands at, as the registry said at its last decision (its alarms carry it). */
  stationId: string | null;
  /** Events count their `seq` apart from telemetry: a device may keep one counter per channel. */
  eventCursor: SampleCursor;
  lastRead: TagRead | null;
  /** A presentation not decided yet: the interlock decides it after its batch commits. */
  pendingRead: TagRead | null;
}

/** A reader repeats a tag while the cylinder stands on the scale; a gap longer than this is a new presentation. */
export const PRESENTATION_GAP_MS = 5_000;

export const scaleAlarmRules = {
  // ADR 0016: a fill the interlock did not release is filling unchecked (TSG 23-2021 §7): a person must see it.
  SCALE_INTERLOCK_BYPASSED: { severity: 'CRITICAL', message: 'The scale filled a cylinder it was not released for: the filling interlock was bypassed' },
  CYLINDER_OVERFILL: { severity: 'MAJOR', message: 'A cylinder was filled over its maximum fill plus tolerance: take it out of service and decant it' },
} as const satisfies Record<string, { severity: AlarmSeverity; message: string }>;
type ScaleAlarmCode = keyof typeof scaleAlarmRules;

export const emptyScaleTwin = (scaleId: string, tenantId: string): ScaleTwinState => ({
  ...unheard(tenantId),
  scaleId,
  weightKg: null,
  interlock: null,
  lastFill: null,
  stationId: null,
  eventCursor: { lastSeq: null, lastBoot: null, reportedAt: null },
  lastRead: null,
  pendingRead: null,
});

type Origin = { gatewayId: string; receivedAt: Date };
type Applied = { state: ScaleTwinState; changes: AlarmChange[] };

/**
 * A bypass is an event, not a condition that ends: its alarm stays until someone acknowledges it,
 * and the scale's next message after that clears it (so a new bypass is a new alarm).
 */
const acknowledgedBypass = (alarms: OpenAlarm[], at: Date): AlarmChange[] =>
  alarms.filter((a) => a.code === 'SCALE_INTERLOCK_BYPASSED' && a.state === 'ACKNOWLEDGED').map((alarm) => ({ kind: 'cleared', alarm, at }));

const withAlarms = (state: ScaleTwinState, changes: AlarmChange[]): Applied => ({ state: { ...state, alarms: withChanges(state.alarms, changes) }, changes });

/** A weight sample (pure); a late one moves nothing but connectivity. */
export function applyWeight(state: ScaleTwinState, sample: { ts: Date; seq?: number; boot?: number; weightKg?: number }, origin: Origin): Applied {
  const at = effectiveTime(sample.ts, origin.receivedAt);
  const base = heardFrom(state, sample, origin);
  const late = state.reportedAt !== null && at < state.reportedAt;
  const moved = late ? base : { ...base, weightKg: sample.weightKg ?? state.weightKg, reportedAt: at };
  return withAlarms(moved, acknowledgedBypass(state.alarms, sample.ts));
}

/** Any event: the scale was heard from, and the event's `seq` joins the event cursor (not telemetry's). */
export function heardEvent(state: ScaleTwinState, sample: { ts: Date; seq?: number; boot?: number }, origin: Origin): ScaleTwinState {
  const heard = heardFrom(state, {}, origin);
  const at = effectiveTime(sample.ts, origin.receivedAt);
  const cursor = state.eventCursor;
  return {
    ...heard,
    eventCursor: {
      lastSeq: sample.seq ?? cursor.lastSeq,
      lastBoot: sample.boot ?? cursor.lastBoot,
      reportedAt: cursor.reportedAt && cursor.reportedAt > at ? cursor.reportedAt : at,
    },
  };
}

/**
 * A tag read (pure). A new presentation (another tag, or the same after a gap) waits for the
 * interlock's decision (`pendingRead`); a repeat within the presentation decides nothing again, so
 * a burst of reads sends one command, and a cylinder left on the scale after its fill stays locked.
 */
export function readTag(state: ScaleTwinState, tag: string, at: Date): Applied {
  const last = state.lastRead;
  const repeat = last !== null && last.tag === tag && Math.abs(at.getTime() - last.at.getTime()) <= PRESENTATION_GAP_MS;
  const lastRead = last && last.tag === tag && last.at > at ? last : { tag, at };
  const moved = { ...state, lastRead, pendingRead: repeat ? state.pendingRead : { tag, at } };
  return withAlarms(moved, acknowledgedBypass(state.alarms, at));
}

export interface FillReport {
  tag: string;
  tareKg: number;
  grossKg: number;
  netKg: number;
  operator: string | null;
  at: Date;
}

/**
 * A fill (pure): judged against the interlock as it stood. Not released for that tag: the
 * interlock was bypassed (CRITICAL, until acknowledged). Released: the net weight is judged against
 * the cylinder's limits; an overfill raises CYLINDER_OVERFILL, which the next fill within its limits
 * clears (the station is filling correctly again; the overfilled cylinder itself is the cylinders
 * service's to hold back). A fill the scale was not released for is not judged for overfill: its
 * limits are unknown. Either way the scale locks itself after the fill, and the twin shows it.
 */
export function applyFill(
  state: ScaleTwinState,
  fill: FillReport,
  newId: () => string,
): Applied & { released: boolean; cylinderId: string | null; overfill: boolean | null } {
  const interlock = state.interlock;
  const released = interlock?.state === 'RELEASED' && interlock.tag === fill.tag;
  const cylinderId = released ? interlock.cylinderId : null;
  const limits =
    released && interlock.maxFillKg !== null && interlock.toleranceKg !== null ? { maxFillKg: interlock.maxFillKg, toleranceKg: interlock.toleranceKg } : null;
  const overfill = limits ? isOverfill(fill.netKg, limits) : null;

  const changes: AlarmChange[] = acknowledgedBypass(state.alarms, fill.at);
  const open = (code: ScaleAlarmCode) => state.alarms.find((a) => a.code === code);
  const raise = (code: ScaleAlarmCode) =>
    changes.push({
      kind: 'raised',
      alarm: {
        id: newId(),
        code,
        severity: scaleAlarmRules[code].severity,
        state: 'ACTIVE',
        message: scaleAlarmRules[code].message,
        value: fill.netKg,
        raisedAt: fill.at,
      },
    });
  if (!released && open('SCALE_INTERLOCK_BYPASSED')?.state !== 'ACTIVE') raise('SCALE_INTERLOCK_BYPASSED');
  const over = open('CYLINDER_OVERFILL');
  if (overfill === true && !over) raise('CYLINDER_OVERFILL');
  if (overfill === false && over) changes.push({ kind: 'cleared', alarm: over, at: fill.at });

  const locked: ScaleInterlock = {
    state: 'LOCKED',
    tag: fill.tag,
    cylinderId,
    reason: 'FILLED',
    message: SCALE_LOCK_REASONS.FILLED,
    commandId: null,
    decidedAt: fill.at,
    maxFillKg: null,
    toleranceKg: null,
  };
  const lastFill: ScaleFillSummary = { tag: fill.tag, cylinderId, netKg: fill.netKg, at: fill.at, overfill };
  return { ...withAlarms({ ...state, interlock: locked, lastFill }, changes), released, cylinderId, overfill };
}

/** The interlock decided a read, by this command (`TwinKind.desire`): the twin shows it at once. */
export function decided(state: ScaleTwinState, decision: FillingDecision, commandId: string, at: Date): ScaleTwinState {
  const released = decision.action === 'RELEASE';
  const pending = state.pendingRead;
  // The read it answers, and repeats of it already taken in, are decided; a newer presentation is not.
  const answered = pending !== null && pending.tag === decision.tag;
  return {
    ...state,
    interlock: {
      state: released ? 'RELEASED' : 'LOCKED',
      tag: decision.tag,
      cylinderId: decision.cylinderId,
      reason: decision.reason,
      message: decision.reason && SCALE_LOCK_REASONS[decision.reason],
      commandId,
      decidedAt: at,
      maxFillKg: released ? decision.maxFillKg : null,
      toleranceKg: released ? decision.toleranceKg : null,
    },
    stationId: decision.stationId ?? state.stationId,
    pendingRead: answered ? null : pending,
    version: state.version + 1,
  };
}

/**
 * A LOCK or RELEASE that ended without being carried out. A release the scale never took leaves it
 * locked; a lock it never took is still shown locked (the interlock never assumes a scale released).
 */
export function withdrawn(state: ScaleTwinState, commandId: string): ScaleTwinState {
  const interlock = state.interlock;
  if (interlock?.commandId !== commandId || interlock.state !== 'RELEASED') return state;
  return {
    ...state,
    interlock: {
      ...interlock,
      state: 'LOCKED',
      reason: 'RELEASE_NOT_CARRIED_OUT',
      message: SCALE_LOCK_REASONS.RELEASE_NOT_CARRIED_OUT,
      maxFillKg: null,
      toleranceKg: null,
    },
    version: state.version + 1,
  };
}
