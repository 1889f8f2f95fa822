import { actorOf, HearthError, notFound, type CallerContext } from '@hearth/platform';
import { assertTenantSites, isUuid, queryableOf } from '@hearth/platform/db';
import { localDate, validateInput } from '@hearth/platform/graphql';
import { addYears, calendarDayIn } from '@hearth/platform/domain';
import { z } from 'zod';
import { moveCylinders, type CylinderMove } from '../../lifecycle/move-cylinders';
import type { RegistryDeps } from '../registry-deps';
import { CylinderContent } from './cylinder.enums';

const reasonSchema = z.string().trim().min(1, 'say why').max(300);

/**
 * The steps of a cylinder's life that are no other area's document: inspection, scrap, loss and
 * finding, stocking in. Each goes through `moveCylinders` (the one writer of states) in one
 * transaction; a step the lifecycle refuses is INVALID_CYLINDER_TRANSITION with the reason.
 */
export function createCylinderMoves(deps: RegistryDeps) {
  const move = async (by: CallerContext, id: string, step: Omit<CylinderMove, 'cylinderId'>, after?: (tx: ReturnType<typeof queryableOf>) => Promise<void>) => {
    if (!isUuid(id)) throw notFound('Cylinder', id);
    await deps.data.transaction(async (em) => {
      const tx = queryableOf(em);
      if (step.siteId) await assertTenantSites(tx, by.tenantId, [step.siteId]);
      await moveCylinders(tx, { tenantId: by.tenantId, actor: actorOf(by) }, [{ cylinderId: id, ...step }]);
      await after?.(tx);
    });
  };
  return {
    sendToInspection: (by: CallerContext, id: string, siteId?: string | null) => move(by, id, { event: 'SEND_TO_INSPECTION', siteId: siteId ?? null }),

    /** Passed: back to empty stock, last inspected on that day and next due a spec's interval later (TSG 23-2021 periodic inspection). */
    passInspection: (by: CallerContext, id: string, inspectedOn: string) => {
      const day = validateInput(
        localDate.refine((d) => d <= calendarDayIn(new Date()), 'in the future'),
        inspectedOn,
      );
      return move(by, id, { event: 'PASS_INSPECTION', details: { inspectedOn: day } }, async (tx) => {
        const [spec] = await tx.query<{ interval: number; made: string }>(
          `SELECT s.inspection_interval_years AS interval, c.manufactured_on::text AS made FROM cylinders.cylinder c
             JOIN cylinders.spec s ON s.tenant_id = c.tenant_id AND s.code = c.spec_code WHERE c.tenant_id = $1 AND c.id = $2`,
          [by.tenantId, id],
        );
        if (day < spec!.made)
          throw new HearthError('BAD_USER_INPUT', 'An inspection cannot precede manufacture.', {
            fields: [{ field: 'inspectedOn', message: 'before manufacture' }],
          });
        await tx.query(`UPDATE cylinders.cylinder SET last_inspected_on = $3, next_inspection_due = $4 WHERE tenant_id = $1 AND id = $2`, [
          by.tenantId,
          id,
          day,
          addYears(day, spec!.interval),
        ]);
      });
    },

    scrap: (by: CallerContext, id: string, reason: string) => move(by, id, { event: 'SCRAP', details: { reason: validateInput(reasonSchema, reason) } }),

    reportLost: (by: CallerContext, id: string, reason: string) =>
      move(by, id, { event: 'REPORT_LOST', details: { reason: validateInput(reasonSchema, reason) } }),

    find: (by: CallerContext, id: string, siteId: string) => move(by, id, { event: 'FIND', siteId: validateInput(z.uuid(), siteId) }),

    stockIn: (by: CallerContext, id: string, content: CylinderContent, siteId: string) =>
      move(by, id, { event: content === CylinderContent.FULL ? 'STOCK_IN_FULL' : 'STOCK_IN_EMPTY', siteId: validateInput(z.uuid(), siteId) }),
  };
}

export type CylinderMoves = ReturnType<typeof createCylinderMoves>;
