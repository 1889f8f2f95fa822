import { issueSecret } from '@hearth/broker';
import { hashSecret, type CallerContext } from '@hearth/platform';
import { recordAudit } from '@hearth/platform/audit';
import type { Database } from '@hearth/platform/db';
import { gatewayId, gatewayName, issueGatewayId } from '../gateway-fields';
import { insertGateways, takenGatewayIds } from '@hearth/broker';
import { readImportRows, refused, type ImportFormat, type ImportResult } from '@hearth/platform/import';

/** Hashing a secret costs tens of milliseconds (scrypt), so gateway imports are smaller than device imports. */
export const MAX_GATEWAY_IMPORT_ROWS = 1000;
export interface GatewayImportResult extends ImportResult {
  /** Each imported gateway's secret: shown this once. */
  credentials: { gatewayId: string; secret: string }[];
}

const COLUMNS = [
  { name: 'id', required: false },
  { name: 'name', required: true },
] as const;

/**
 * Registers many gateways at once, all or nothing: every row is checked first (id form, name,
 * ids repeated in the file or taken), and a single problem imports nothing.
 */
export async function importGateways(db: Database, caller: CallerContext, format: `${ImportFormat}`, data: string): Promise<GatewayImportResult> {
  const { rows, problems } = readImportRows(format, data, COLUMNS, MAX_GATEWAY_IMPORT_ROWS);
  const candidates: { row: number; line: number | null; id: string; name: string }[] = [];
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    const problem = (field: string | null, message: string) => problems.push({ row: r.row, line: r.line, field, message });
    const id = r.values.id ?? issueGatewayId();
    const name = gatewayName.safeParse(r.values.name ?? '');
    const idOk = gatewayId.safeParse(id);
    if (!idOk.success) problem('id', `"${id}": ${idOk.error.issues[0]?.message}`);
    if (!name.success) problem('name', name.error.issues[0]?.message ?? 'invalid');
    if (firstRow.has(id)) problem('id', `${id} is also on row ${firstRow.get(id)}`);
    firstRow.set(id, firstRow.get(id) ?? r.row);
    if (idOk.success && name.success) candidates.push({ row: r.row, line: r.line, id, name: name.data });
  }
  const taken = await takenGatewayIds(
    db,
    candidates.map((c) => c.id),
  );
  for (const c of candidates) if (taken.has(c.id)) problems.push({ row: c.row, line: c.line, field: 'id', message: `${c.id} is taken` });
  if (problems.length > 0) return { ...refused(rows.length, problems), credentials: [] };

  const credentials = candidates.map((c) => ({ gatewayId: c.id, secret: issueSecret() }));
  const hashes = await hashAll(credentials.map((c) => c.secret));
  await db.transaction(async (tx) => {
    await insertGateways(
      tx,
      caller.tenantId,
      candidates.map((c, i) => ({ id: c.id, name: c.name, secretHash: hashes[i]! })),
    );
    await recordAudit(tx, caller, {
      domain: 'fleet',
      action: 'gateways.imported',
      target: null,
      details: { format, count: candidates.length, ids: candidates.slice(0, 100).map((c) => c.id) },
    });
  });
  return { rows: rows.length, imported: candidates.length, rejectedRows: 0, problems: [], credentials };
}

/** scrypt runs on libuv's thread pool; a few at a time keep it busy without starving other work. */
async function hashAll(secrets: string[], concurrency = 4): Promise<string[]> {
  const hashes: string[] = new Array(secrets.length);
  let next = 0;
  const worker = async () => {
    while (next < secrets.length) {
      const i = next++;
      hashes[i] = await hashSecret(secrets[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, secrets.length) }, worker));
  return hashes;
}
