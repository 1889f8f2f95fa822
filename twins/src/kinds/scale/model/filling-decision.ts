import { FILL_REFUSALS, calendarDayIn, fillRefusal, type CylinderState, type FillRefusalCode } from '@hearth/platform/domain';

/**
 * What the committed registry says about one tag read at one scale: one row of the cylinders
 * service's published views (`cylinders.scale_place` left-joined with `cylinders.filling_check`),
 * or `unavailable` when those views could not be read (not migrated yet, the database refused).
 */
export type RegistryAnswer =
  | { unavailable: true }
  | {
      unavailable?: false;
      /** Where the scale stands; null when no filling station lists it. */
      place: { stationId: string; company: string } | null;
      /** The cylinder carrying the tag, with its spec's limits; null when none of the tenant's does. */
      cylinder: {
        id: string;
        state: CylinderState;
        ownerCompany: string;
        fixedStationId: string | null;
        nextInspectionDue: string;
        designLifeEnds: string;
        maxFillKg: number;
        toleranceKg: number;
      } | null;
    };

/** Why a scale stays locked: a refusal of the filling check, or the scale's own lock after a fill. */
export const SCALE_LOCK_REASONS = {
  ...FILL_REFUSALS,
  FILLED: 'The scale locked itself after a fill: read the next cylinder’s tag',
  RELEASE_NOT_CARRIED_OUT: 'The release command was not carried out (rejected, expired or cancelled): the scale stays locked',
} as const;
export type ScaleLockReason = keyof typeof SCALE_LOCK_REASONS;

/** How long after a fill the same cylinder is refused at the same scale, whatever the registry says yet. */
export const REFILL_GUARD_MS = 30 * 60_000;

/** The interlock's answer to a tag read: the command to send and what the twin shows meanwhile. */
export interface FillingDecision {
  action: 'RELEASE' | 'LOCK';
  tag: string;
  /** The cylinder the tag names; null when the registry names none (or could not be read). */
  cylinderId: string | null;
  /** Why it locks; null for a release. */
  reason: FillRefusalCode | null;
  /** The cylinder's fill limits (its spec's), known for a release: a fill is judged against them. */
  maxFillKg: number | null;
  toleranceKg: number | null;
  /** The filling station the scale stands at (its alarms carry it); null when none lists it. */
  stationId: string | null;
}

/**
 * Decides a tag read from the committed registry (ADR 0016): RELEASE only when the scale stands at a
 * station and `fillRefusal` finds nothing against the cylinder today (in the trade's calendar);
 * otherwise LOCK with the reason. A registry that cannot be read locks: nothing is filled unchecked.
 */
export function decideFilling(
  answer: RegistryAnswer,
  read: { tag: string; at: Date },
  now: Date,
  /** The scale's last fill: the same cylinder, filled a moment ago, is not filled again. */
  recentlyFilled?: { cylinderId: string | null; at: Date } | null,
): FillingDecision {
  const locked = (reason: FillRefusalCode, cylinderId: string | null): FillingDecision => ({
    action: 'LOCK',
    tag: read.tag,
    cylinderId,
    reason,
    maxFillKg: null,
    toleranceKg: null,
    stationId: answer.unavailable ? null : (answer.place?.stationId ?? null),
  });
  if (answer.unavailable) return locked('REGISTRY_UNAVAILABLE', null);
  const { place, cylinder } = answer;
  if (!place) return locked('SCALE_NOT_REGISTERED', cylinder?.id ?? null);
  // The registry learns of a fill only once the cylinders service has taken it in: until then, the
  // cylinder this scale has just filled still looks empty there, and must not be filled twice.
  if (cylinder && recentlyFilled?.cylinderId === cylinder.id && now.getTime() - recentlyFilled.at.getTime() < REFILL_GUARD_MS)
    return locked('NOT_FILLABLE_NOW', cylinder.id);
  const refusal = fillRefusal(cylinder, { ...place, today: calendarDayIn(now) });
  if (refusal || !cylinder) return locked(refusal ?? 'UNREGISTERED', cylinder?.id ?? null);
  return {
    action: 'RELEASE',
    tag: read.tag,
    cylinderId: cylinder.id,
    reason: null,
    maxFillKg: cylinder.maxFillKg,
    toleranceKg: cylinder.toleranceKg,
    stationId: place.stationId,
  };
}
