import { HearthError, notFound } from '@hearth/platform';
import type { Queryable } from '@hearth/platform/db';
import type { CylinderState } from '@hearth/platform/domain';

/** A cylinder as a scan sees it, locked for the rest of the transaction. */
export interface ScannedCylinder {
  id: string;
  serial: string;
  tag: string;
  specCode: string;
  state: CylinderState;
  locationSiteId: string | null;
  transferOrderId: string | null;
}

/** Why a scan is refused (`extensions.reason` of TRANSFER_SCAN_REFUSED). */
export type ScanRefusal =
  'ALREADY_ON_ORDER' | 'ON_ANOTHER_ORDER' | 'NOT_AVAILABLE' | 'WRONG_SITE' | 'WRONG_CONTENT' | 'SPEC_NOT_ON_ORDER' | 'OVER_PLANNED' | 'NOT_ON_ORDER';

export const scanRefused = (reason: ScanRefusal, cylinder: { id: string; serial: string }, why: string, extra: Record<string, unknown> = {}) =>
  new HearthError('TRANSFER_SCAN_REFUSED', `Cylinder ${cylinder.serial}: ${why}.`, { reason, cylinderId: cylinder.id, serial: cylinder.serial, ...extra });

/**
 * The tenant's cylinders read by tag or serial (a tag first: it is what readers send), in the order
 * scanned, each once, locked in id order (as moveCylinders locks them, so the two never deadlock).
 * A code that names none of the tenant's cylinders is NOT_FOUND, as any id that is not the caller's.
 */
export async function lockScanned(tx: Queryable, tenantId: string, codes: readonly string[]): Promise<ScannedCylinder[]> {
  const wanted = [...new Set(codes.map((c) => c.trim()))];
  const rows = await tx.query<ScannedCylinder>(
    `SELECT id::text, serial, tag, spec_code AS "specCode", state, location_site_id::text AS "locationSiteId", transfer_order_id::text AS "transferOrderId"
       FROM cylinders.cylinder WHERE tenant_id = $1 AND (tag = ANY($2::text[]) OR serial = ANY($2::text[])) ORDER BY id FOR UPDATE`,
    [tenantId, wanted],
  );
  const byTag = new Map(rows.map((r) => [r.tag, r]));
  const bySerial = new Map(rows.map((r) => [r.serial, r]));
  const found = new Map<string, ScannedCylinder>();
  for (const code of wanted) {
    const cylinder = byTag.get(code) ?? bySerial.get(code);
    if (!cylinder) throw notFound('Cylinder', code);
    found.set(cylinder.id, cylinder);
  }
  return [...found.values()];
}
