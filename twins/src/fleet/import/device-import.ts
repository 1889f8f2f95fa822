import { bindDevicesOfTenant, deviceKinds, isDeviceId, isDeviceKind, type DeviceKind } from '@hearth/broker';
import type { CallerContext } from '@hearth/platform';
import { recordAudit } from '@hearth/platform/audit';
import type { Database } from '@hearth/platform/db';
import type { TwinKinds } from '../../kinds/twin-kind';
import { gatewaysByIds } from '@hearth/broker';
import { readImportRows, refused, type ImportFormat, type ImportProblem, type ImportResult } from '@hearth/platform/import';

/** About 40 bytes a row: well inside the 1 MiB request limit. */
export const MAX_DEVICE_IMPORT_ROWS = 10_000;

export interface DeviceImportResult extends ImportResult {
  /** Of `imported`: devices new to your account, and devices of yours moved to another gateway (or re-bound unchanged). */
  created: number;
  rebound: number;
}

const COLUMNS = [
  { name: 'kind', required: true },
  { name: 'id', required: true },
  { name: 'gatewayId', required: true },
] as const;

interface Candidate {
  row: number;
  line: number | null;
  kind: DeviceKind;
  id: string;
  gatewayId: string;
}

/**
 * Binds many devices at once, all or nothing, in one transaction: every row is checked first
 * (kind, id form, your gateway, your tank for tank devices, repeated in the file) and a single
 * problem imports nothing, with every problem reported by row. Device ids are a namespace per
 * tenant, so no row depends on, or tells of, another tenant's devices.
 */
export async function importDevices(
  db: Database,
  kinds: TwinKinds,
  caller: CallerContext,
  format: `${ImportFormat}`,
  data: string,
): Promise<DeviceImportResult> {
  const { rows, problems } = readImportRows(format, data, COLUMNS, MAX_DEVICE_IMPORT_ROWS);
  const candidates: Candidate[] = [];
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    const problem = (field: string, message: string) => problems.push({ row: r.row, line: r.line, field, message });
    const kind = r.values.kind?.toLowerCase() ?? '';
    const { id = '', gatewayId = '' } = r.values;
    const before = problems.length;
    if (!isDeviceKind(kind)) problem('kind', `"${r.values.kind ?? ''}" is not one of ${deviceKinds.join(', ')}`);
    if (!isDeviceId(id)) problem('id', `"${id}" is not a device id (letters, digits and . _ : -, at most 128, no spaces or slashes)`);
    if (!gatewayId) problem('gatewayId', 'is missing');
    const key = `${kind}/${id}`;
    if (firstRow.has(key)) problem('id', `${kind} ${id} is also on row ${firstRow.get(key)}`);
    else firstRow.set(key, r.row);
    if (problems.length === before) candidates.push({ row: r.row, line: r.line, kind: kind as DeviceKind, id, gatewayId });
  }
  problems.push(...(await ownershipProblems(db, kinds, caller.tenantId, candidates)));
  if (problems.length > 0) return { ...refused(rows.length, problems), created: 0, rebound: 0 };

  const bound = await db.transaction(async (tx) => {
    const result = await bindDevicesOfTenant(tx, caller.tenantId, candidates);
    await recordAudit(tx, caller, {
      domain: 'fleet',
      action: 'devices.imported',
      target: null,
      details: { format, rows: candidates.length, created: result.filter((d) => d.created).length },
    });
    return result;
  });
  const created = bound.filter((d) => d.created).length;
  return { rows: rows.length, imported: bound.length, rejectedRows: 0, problems: [], created, rebound: bound.length - created };
}

/** Rows naming a gateway, or a device's domain record (a tank), that is not the caller's (another tenant's reads as absent). */
async function ownershipProblems(db: Database, kinds: TwinKinds, tenantId: string, candidates: Candidate[]): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const gateways = await gatewaysByIds(db, tenantId, [...new Set(candidates.map((c) => c.gatewayId))]);
  for (const c of candidates) {
    const problem = (field: string, message: string) => problems.push({ row: c.row, line: c.line, field, message });
    if (!gateways.has(c.gatewayId)) problem('gatewayId', `no gateway ${c.gatewayId} (register it first)`);
    const asset = kinds.get(c.kind)?.asset;
    const noun = asset?.entity.toLowerCase();
    if (asset && !(await asset.owned(tenantId, c.id))) problem('id', `no ${noun} ${c.id} (a ${c.kind} device's id is the ${noun}'s id)`);
  }
  return problems;
}
