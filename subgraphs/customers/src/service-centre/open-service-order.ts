import type { EntityManager } from 'typeorm';
import { tenantOf, type DomainCaller } from '@hearth/platform/audit';
import { queryableOf } from '@hearth/platform/db';
import type { Customer } from '../customer/customer.entity';
import { actorName, recordChange } from './order-change';
import { targetOf } from './service-order-clock';
import { ServiceOrder } from './service-order.entity';
import { ServiceOrderEventKind, ServiceOrderStatus, type ServiceOrderType } from './service-order.enums';
import { nextOrderNumber } from './service-order-number';
import { slaPolicyOf } from './sla/sla-policy.store';
import { wallTimeOf } from './sla/zoned-time';

/** A new order as its caller (a person, or the alarm intake) describes it. */
export interface OrderDraft {
  type: ServiceOrderType;
  customer: Customer | null;
  storeId?: string | null;
  address?: string | null;
  /** The phone already encrypted and masked; omitted: the customer's first phone. */
  phone?: { enc: string; masked: string } | null;
  requestedDate?: string | null;
  timeSlot?: string | null;
  cylinderSpec?: string | null;
  quantity?: number | null;
  notes?: string | null;
  /** When it was reported: the SLA clock starts here. */
  reportedAt: Date;
  /** The gas detector alarm that opened it. */
  alarm?: { id: string; detectorId: string; lelPercent: number | null; valveOpen: boolean | null };
}

/**
 * Takes an order in `em`'s transaction: numbered, routed to the customer's supply station unless a
 * store is named, its deadline set under the tenant's policy, its CREATED event and audit entry
 * written. What the draft leaves out is taken from the customer (address, phone).
 */
export async function openServiceOrder(em: EntityManager, by: DomainCaller, draft: OrderDraft, now: Date): Promise<ServiceOrder> {
  const tenantId = tenantOf(by);
  const { customer } = draft;
  const policy = await slaPolicyOf(queryableOf(em), tenantId);
  const fields = {
    type: draft.type,
    reportedAt: draft.reportedAt,
    requestedDate: draft.requestedDate ?? null,
    timeSlot: draft.timeSlot ?? null,
  };
  const target = targetOf(policy, fields);
  const phone = draft.phone ?? (customer?.phonesEnc[0] ? { enc: customer.phonesEnc[0], masked: customer.phonesMasked[0]! } : null);
  const orders = em.getRepository(ServiceOrder);
  const order = orders.create({
    ...fields,
    tenantId,
    number: await nextOrderNumber(em, tenantId, wallTimeOf(now, policy.timeZone).year),
    status: ServiceOrderStatus.RECEIVED,
    customerId: customer?.id ?? null,
    storeId: draft.storeId ?? customer?.supplyStationId ?? null,
    assignee: null,
    address: draft.address ?? customer?.supplyAddress ?? null,
    phoneEnc: phone?.enc ?? null,
    phoneMasked: phone?.masked ?? null,
    cylinderSpec: draft.cylinderSpec ?? null,
    quantity: draft.quantity ?? null,
    notes: draft.notes ?? null,
    reason: null,
    hazardControlled: null,
    sourceAlarmId: draft.alarm?.id ?? null,
    detectorId: draft.alarm?.detectorId ?? null,
    lelPercent: draft.alarm?.lelPercent ?? null,
    valveOpen: draft.alarm?.valveOpen ?? null,
    dueAt: target?.dueAt ?? null,
    warnAt: target?.warnAt ?? null,
    pausedMs: 0,
    pausedSince: null,
    escalation: null,
    escalatedAt: null,
    closedAt: null,
    createdBy: actorName(by),
  });
  const saved = await orders.save(order);
  await recordChange(
    em,
    by,
    saved,
    {
      kind: ServiceOrderEventKind.CREATED,
      from: null,
      to: saved.status,
      note: draft.alarm ? `Opened by gas detector alarm ${draft.alarm.id}` : null,
      action: 'service-order.created',
      details: { storeId: saved.storeId, dueAt: saved.dueAt, ...(draft.alarm ? { alarmId: draft.alarm.id, detectorId: draft.alarm.detectorId } : {}) },
    },
    now,
  );
  return saved;
}
