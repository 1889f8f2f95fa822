import type { DataSource, EntityManager } from 'typeorm';
import { actorOf, HearthError, notFound, type CallerContext } from '@hearth/platform';
import { assertTenantSites, isUniqueViolation, queryableOf, type Queryable } from '@hearth/platform/db';
import { calendarDayIn } from '@hearth/platform/domain';
import { validateInput } from '@hearth/platform/graphql';
import { moveCylinders } from '../lifecycle/move-cylinders';
import { carriesFull, TransferState } from './transfer.enums';
import { codesSchema, createTransferSchema, reasonSchema, signOffSchema, type CreateTransferOrderInput, type SignOffTransferInput } from './transfer.input';
import { lockScanned, scanRefused, type ScannedCylinder } from './transfer-cylinders';
import { assertLoadable, checkScans } from './transfer-loading';
import { auditTransfer, lockTransfer } from './transfer-order-change';
import { nextTransferNumber } from './transfer-order-number';
import { TransferOrder } from './transfer-order.entity';
import { nextTransferState, type TransferAction } from './transfer-transitions';
import { signOff } from './transfer-sign-off';

/** What a step records in the audit entry beside the state change. */
type StepDetails = Record<string, unknown> | void;
type Step = (order: TransferOrder, tx: Queryable, now: Date, em: EntityManager) => Promise<StepDetails> | StepDetails;

/**
 * Transfer orders (调拨): made, loaded by scanning, dispatched, signed off and closed through the
 * state machine (`nextTransferState`). Each step runs in one transaction with the cylinders it moves
 * (through `moveCylinders`, the one writer of cylinders) and its audit entry: stock is exact after
 * every committed step, and a refused step changes nothing.
 */
export class TransferService {
  constructor(
    private readonly data: DataSource,
    readonly now: () => Date = () => new Date(),
  ) {}

  create(by: CallerContext, input: CreateTransferOrderInput): Promise<TransferOrder> {
    const valid = validateInput(createTransferSchema, input);
    return this.data.transaction(async (em) => {
      const tx = queryableOf(em);
      const [from, to] = [valid.fromSiteId.toLowerCase(), valid.toSiteId.toLowerCase()];
      await assertTenantSites(tx, by.tenantId, [from, to]);
      await assertSpecs(
        tx,
        by.tenantId,
        valid.lines.map((l) => l.specCode),
      );
      const now = this.now();
      const repo = em.getRepository(TransferOrder);
      const order = await repo.save(
        repo.create({
          tenantId: by.tenantId,
          number: await nextTransferNumber(tx, by.tenantId, Number(calendarDayIn(now).slice(0, 4))),
          type: valid.type,
          state: TransferState.DRAFT,
          fromSiteId: from,
          toSiteId: to,
          driver: valid.driver ?? null,
          vehiclePlate: valid.vehiclePlate ?? null,
          note: valid.note ?? null,
          createdBy: actorOf(by),
        }),
      );
      await tx.query(`INSERT INTO cylinders.transfer_line (tenant_id, order_id, spec_code, planned) SELECT $1, $2, * FROM unnest($3::text[], $4::int[])`, [
        by.tenantId,
        order.id,
        valid.lines.map((l) => l.specCode),
        valid.lines.map((l) => l.planned),
      ]);
      await auditTransfer(em, by, order, 'created', null, { fromSiteId: from, toSiteId: to, lines: valid.lines });
      return order;
    });
  }

  /** Scans cylinders (tags or serials) onto the truck; the first scan starts loading. Any bad scan refuses the batch (TRANSFER_SCAN_REFUSED). */
  scan(by: CallerContext, id: string, codes: string[]): Promise<TransferOrder> {
    const valid = validateInput(codesSchema, codes);
    return this.step(by, id, 'SCAN', 'scanned', async (order, tx) => {
      const cylinders = await lockScanned(tx, by.tenantId, valid);
      await checkScans(tx, order, cylinders);
      try {
        await tx.query(
          `INSERT INTO cylinders.transfer_scan (tenant_id, order_id, cylinder_id, spec_code, scanned_by) SELECT $1, $2, * FROM unnest($3::uuid[], $4::text[], $5::text[])`,
          [by.tenantId, order.id, cylinders.map((c) => c.id), cylinders.map((c) => c.specCode), cylinders.map(() => actorOf(by))],
        );
      } catch (err) {
        // Another order's scan of the same cylinder committed between our check and insert (a server database's race).
        if (isUniqueViolation(err)) {
          throw scanRefused('ON_ANOTHER_ORDER', cylinders[0]!, 'it (or another of this batch) was just loaded on another transfer order');
        }
        throw err;
      }
      return { serials: cylinders.map((c) => c.serial) };
    });
  }

  /** Takes cylinders off the truck before dispatch; one not on the order refuses the batch (NOT_ON_ORDER). */
  unscan(by: CallerContext, id: string, codes: string[]): Promise<TransferOrder> {
    const valid = validateInput(codesSchema, codes);
    return this.step(by, id, 'UNSCAN', 'unscanned', async (order, tx) => {
      const cylinders = await lockScanned(tx, by.tenantId, valid);
      const removed = await tx.query<{ id: string }>(
        `DELETE FROM cylinders.transfer_scan WHERE order_id = $1 AND cylinder_id = ANY($2::uuid[]) RETURNING cylinder_id::text AS id`,
        [order.id, cylinders.map((c) => c.id)],
      );
      const gone = new Set(removed.map((r) => r.id));
      const stranger = cylinders.find((c) => !gone.has(c.id));
      if (stranger) throw scanRefused('NOT_ON_ORDER', stranger, 'it is not loaded on this order');
      return { serials: cylinders.map((c) => c.serial) };
    });
  }

  /** Every loaded cylinder leaves the from-site IN_TRANSIT on this order, in one move with the order's state. */
  dispatch(by: CallerContext, id: string): Promise<TransferOrder> {
    return this.step(by, id, 'DISPATCH', 'dispatched', async (order, tx, now) => {
      const loaded = await tx.query<ScannedCylinder>(
        `SELECT c.id::text, c.serial, c.tag, c.spec_code AS "specCode", c.state, c.location_site_id::text AS "locationSiteId", NULL AS "transferOrderId"
           FROM cylinders.transfer_scan s JOIN cylinders.cylinder c ON c.id = s.cylinder_id
          WHERE s.order_id = $1 ORDER BY c.id FOR UPDATE OF c`,
        [order.id],
      );
      if (loaded.length === 0) {
        throw new HearthError('INVALID_TRANSFER_TRANSITION', `Transfer order ${order.number} has nothing loaded: scan cylinders on before dispatch.`, {
          state: order.state,
          action: 'DISPATCH',
        });
      }
      for (const c of loaded) assertLoadable(order, c);
      const full = carriesFull(order.type);
      const ref = `transfer:${order.id}`;
      await moveCylinders(
        tx,
        { tenantId: by.tenantId, actor: actorOf(by) },
        loaded.map((c) => ({ cylinderId: c.id, event: 'DISPATCH', siteId: order.fromSiteId, transferOrderId: order.id, full, ref, at: now })),
      );
      await tx.query(`UPDATE cylinders.transfer_scan SET active = false WHERE order_id = $1`, [order.id]);
      order.dispatchedAt = now;
      return { dispatched: loaded.length };
    });
  }

  /** Signs for what arrived at the to-site: see `signOff`. */
  signOff(by: CallerContext, id: string, input: SignOffTransferInput): Promise<TransferOrder> {
    const valid = validateInput(signOffSchema, input);
    return this.step(by, id, 'SIGN_OFF', 'signed-off', (order, tx, now) => signOff(tx, by, order, valid, now));
  }

  close(by: CallerContext, id: string): Promise<TransferOrder> {
    return this.step(by, id, 'CLOSE', 'closed', (order, _tx, now) => {
      order.closedAt = now;
    });
  }

  /** Gives the order up before dispatch: its scans are released; no cylinder moved. */
  cancel(by: CallerContext, id: string, reason: string): Promise<TransferOrder> {
    const why = validateInput(reasonSchema, reason);
    return this.step(by, id, 'CANCEL', 'cancelled', async (order, tx, now) => {
      await tx.query(`UPDATE cylinders.transfer_scan SET active = false WHERE order_id = $1`, [order.id]);
      order.cancelReason = why;
      order.closedAt = now;
      return { reason: why };
    });
  }

  /** Locks the order, checks the move, runs `edit`, saves the order and audits the step, in one transaction. */
  private step(by: CallerContext, id: string, action: TransferAction, audit: string, edit: Step): Promise<TransferOrder> {
    return this.data.transaction(async (em) => {
      const order = await lockTransfer(em, by.tenantId, id);
      const from = order.state;
      const to = nextTransferState(from, action);
      const now = this.now();
      const details = (await edit(order, queryableOf(em), now, em)) ?? {};
      order.state = to;
      const saved = await em.getRepository(TransferOrder).save(order);
      await auditTransfer(em, by, saved, audit, from, details);
      return saved;
    });
  }
}

/** Every spec named is the tenant's: NOT_FOUND otherwise. */
async function assertSpecs(tx: Queryable, tenantId: string, codes: readonly string[]): Promise<void> {
  const rows = await tx.query<{ code: string }>(`SELECT code FROM cylinders.spec WHERE tenant_id = $1 AND code = ANY($2::text[])`, [tenantId, codes]);
  const known = new Set(rows.map((r) => r.code));
  const missing = codes.find((c) => !known.has(c));
  if (missing) throw notFound('CylinderSpec', missing);
}
