import { m } from '$paraglide/messages';

/**
 * Why a scale is locked, in words: the filling check's refusals (platform FILL_REFUSALS) and the
 * scale's own locks (twins SCALE_LOCK_REASONS). A code added later shows the twin's own message.
 */
export type LockReason =
  | 'UNREGISTERED'
  | 'SCRAPPED'
  | 'REPORTED_LOST'
  | 'PAST_DESIGN_LIFE'
  | 'INSPECTION_OVERDUE'
  | 'FOREIGN_OWNER'
  | 'FIXED_TO_OTHER_STATION'
  | 'NOT_FILLABLE_NOW'
  | 'REGISTRY_UNAVAILABLE'
  | 'SCALE_NOT_REGISTERED'
  | 'FILLED'
  | 'RELEASE_NOT_CARRIED_OUT';

const REASONS: Record<LockReason, () => string> = {
  UNREGISTERED: m.lock_reason_unregistered,
  SCRAPPED: m.lock_reason_scrapped,
  REPORTED_LOST: m.lock_reason_reported_lost,
  PAST_DESIGN_LIFE: m.lock_reason_past_design_life,
  INSPECTION_OVERDUE: m.lock_reason_inspection_overdue,
  FOREIGN_OWNER: m.lock_reason_foreign_owner,
  FIXED_TO_OTHER_STATION: m.lock_reason_fixed_to_other_station,
  NOT_FILLABLE_NOW: m.lock_reason_not_fillable_now,
  REGISTRY_UNAVAILABLE: m.lock_reason_registry_unavailable,
  SCALE_NOT_REGISTERED: m.lock_reason_scale_not_registered,
  FILLED: m.lock_reason_filled,
  RELEASE_NOT_CARRIED_OUT: m.lock_reason_release_not_carried_out,
};

export function lockReasonLabel(reason: string | null, message: string | null): string {
  if (!reason) return message ?? m.lock_reason_none();
  return REASONS[reason as LockReason]?.() ?? message ?? reason;
}
