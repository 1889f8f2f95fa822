import type { DataSource, EntityManager } from 'typeorm';
import { badInput, HearthError } from '@hearth/platform';
import { tenantOf, type DomainCaller } from '@hearth/platform/audit';
import { assertTenantSites, isUniqueViolation, queryableOf } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import type { PiiProtector } from '@hearth/platform/pii';
import { z } from 'zod';
import { Customer } from '../customer/customer.entity';
import { lockCustomer } from '../customer/customer-lock';
import { phoneColumns } from '../customer/customer-pii';
import { assertServable } from '@hearth/platform/ledger';
import { nextStatus, type OrderAction } from './model/order-transitions';
import { lockOrder, recordChange } from './order-change';
import { openServiceOrder } from './open-service-order';
import { clockOf, setClock, targetOf } from './service-order-clock';
import { ServiceOrder } from './service-order.entity';
import { isOpen, ServiceOrderEventKind, ServiceOrderType } from './service-order.enums';
import {
  assigneeSchema,
  completeServiceOrderSchema,
  createServiceOrderSchema,
  reasonSchema,
  type CompleteServiceOrderInput,
  type CreateServiceOrderInput,
} from './service-order.input';
import { closed, escalationDue, paused, resumed, retargeted } from './sla/sla-clock';
import { slaPolicyOf } from './sla/sla-policy.store';

/** Selling gas is service a blacklisted customer is refused; a repair, a complaint and above all a gas smell are not. */
const REFUSED_WHEN_BLACKLISTED: readonly ServiceOrderType[] = [ServiceOrderType.DELIVERY, ServiceOrderType.PICKUP];

/** What a transition does beside moving the status: its note, and more for the audit entry. */
type Edited = { note?: string | null; details?: Record<string, unknown> } | void;

/**
 * Service orders: taken, routed, dispatched and closed through the status machine, every step an
 * event row (and an audit entry on the customer) in the transaction that makes it; the database
 * announces each commit to the queue's subscribers (migration 0003's trigger).
 */
export class ServiceOrderService {
  constructor(
    private readonly data: DataSource,
    private readonly pii: PiiProtector,
    readonly now: () => Date,
  ) {}

  create(by: DomainCaller, input: CreateServiceOrderInput): Promise<ServiceOrder> {
    const valid = validateInput(createServiceOrderSchema, input);
    return this.data.transaction(async (em) => {
      const customer = valid.customerId ? await lockCustomer(em, tenantOf(by), valid.customerId) : null;
      if (customer && REFUSED_WHEN_BLACKLISTED.includes(valid.type)) assertServable(customer);
      await assertTenantSites(queryableOf(em), tenantOf(by), [valid.storeId]);
      const quantity = valid.quantity ?? (REFUSED_WHEN_BLACKLISTED.includes(valid.type) ? 1 : null);
      const phone = valid.phone ? phoneColumns(this.pii, [valid.phone]) : null;
      const now = this.now();
      return openServiceOrder(
        em,
        by,
        { ...valid, customer, quantity, phone: phone && { enc: phone.phonesEnc[0]!, masked: phone.phonesMasked[0]! }, reportedAt: now },
        now,
      );
    });
  }

  /**
   * The GAS_SMELL order of a CRITICAL detector alarm at a customer's premises, its clock started when
   * the alarm was raised; null when another instance (or an earlier run) already opened it.
   */
  async openFromAlarm(
    tenantId: string,
    customerId: string,
    alarm: { id: string; detectorId: string; lelPercent: number | null; valveOpen: boolean | null; raisedAt: Date },
  ): Promise<ServiceOrder | null> {
    const valve = alarm.valveOpen === null ? 'valve position unknown' : alarm.valveOpen ? 'valve reported OPEN' : 'valve reported closed';
    const notes = `Gas detector ${alarm.detectorId} raised a CRITICAL alarm at ${alarm.lelPercent ?? '?'} % LEL; ${valve}.`;
    try {
      return await this.data.transaction(async (em) => {
        const customer = await em.getRepository(Customer).findOneByOrFail({ tenantId, id: customerId });
        return openServiceOrder(em, tenantId, { type: ServiceOrderType.GAS_SMELL, customer, notes, reportedAt: alarm.raisedAt, alarm }, this.now());
      });
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  /** Routes the order to one of the company's stores (NOT_FOUND otherwise) and a person; ends a reclassification's pause. */
  assign(by: DomainCaller, id: string, storeId: string, assignee?: string | null): Promise<ServiceOrder> {
    const store = validateInput(z.uuid(), storeId);
    const who = validateInput(assigneeSchema, assignee);
    return this.transition(by, id, 'ASSIGN', 'service-order.assigned', async (order, now, em) => {
      await assertTenantSites(queryableOf(em), order.tenantId, [store]);
      const before = { storeId: order.storeId, assignee: order.assignee };
      order.storeId = store;
      order.assignee = who ?? null;
      setClock(order, resumed(clockOf(order), now));
      return { details: { before, after: { storeId: store, assignee: order.assignee } } };
    });
  }

  dispatch(by: DomainCaller, id: string): Promise<ServiceOrder> {
    return this.transition(by, id, 'DISPATCH', 'service-order.dispatched', () => undefined);
  }

  /** Closes the order as done; a gas smell only once the hazard is confirmed controlled (HAZARD_NOT_CONFIRMED). */
  complete(by: DomainCaller, id: string, input: CompleteServiceOrderInput): Promise<ServiceOrder> {
    const valid = validateInput(completeServiceOrderSchema, input);
    return this.transition(by, id, 'COMPLETE', 'service-order.completed', (order) => {
      if (order.type === ServiceOrderType.GAS_SMELL && valid.hazardControlled !== true) {
        throw new HearthError('HAZARD_NOT_CONFIRMED', `Gas-smell order ${order.number} is completed only with hazardControlled: true, confirmed on site.`, {
          orderId: order.id,
        });
      }
      order.hazardControlled = valid.hazardControlled ?? null;
      return { note: valid.note ?? null, details: { hazardControlled: order.hazardControlled } };
    });
  }

  fail(by: DomainCaller, id: string, reason: string): Promise<ServiceOrder> {
    const why = validateInput(reasonSchema, reason);
    return this.transition(by, id, 'FAIL', 'service-order.failed', (order) => {
      order.reason = why;
      return { note: why };
    });
  }

  cancel(by: DomainCaller, id: string, reason: string): Promise<ServiceOrder> {
    const why = validateInput(reasonSchema, reason);
    return this.transition(by, id, 'CANCEL', 'service-order.cancelled', (order) => {
      order.reason = why;
      return { note: why };
    });
  }

  /**
   * Changes the order's type: it goes back to RECEIVED to be routed again, and its clock pauses
   * until it is re-assigned, the pause added to the new type's deadline. Into a gas smell the clock
   * never pauses (safety first); out of one there is no way: a gas smell is closed with the hazard
   * confirmed controlled, and what was found becomes an order of its own.
   */
  reclassify(by: DomainCaller, id: string, type: ServiceOrderType): Promise<ServiceOrder> {
    const to = validateInput(z.enum(ServiceOrderType), type);
    return this.transition(by, id, 'RECLASSIFY', 'service-order.reclassified', async (order, now, em) => {
      if (order.type === to) throw badInput([{ field: 'type', message: `the order is already ${to}` }]);
      if (order.type === ServiceOrderType.GAS_SMELL) {
        throw badInput([{ field: 'type', message: 'a gas smell is completed with the hazard confirmed controlled, not reclassified; open another order' }]);
      }
      if (REFUSED_WHEN_BLACKLISTED.includes(to) && order.customerId) assertServable(await lockCustomer(em, order.tenantId, order.customerId));
      const from = order.type;
      order.type = to;
      order.assignee = null;
      const clock = to === ServiceOrderType.GAS_SMELL ? resumed(clockOf(order), now) : paused(clockOf(order), now);
      setClock(order, retargeted(clock, targetOf(await slaPolicyOf(queryableOf(em), order.tenantId), order)));
      return { note: `${from} → ${to}`, details: { fromType: from, toType: to } };
    });
  }

  /** Flags the escalation the order is due now, once (an ESCALATED event and `escalatedAt`); null when none is due. */
  escalate(tenantId: string, id: string): Promise<ServiceOrder | null> {
    return this.data.transaction(async (em) => {
      const order = await lockOrder(em, tenantId, id);
      const now = this.now();
      const level = escalationDue(clockOf(order), order.escalation, now);
      if (!level) return null;
      Object.assign(order, { escalation: level, escalatedAt: now });
      const saved = await em.getRepository(ServiceOrder).save(order);
      await recordChange(em, tenantId, saved, { kind: ServiceOrderEventKind.ESCALATED, from: order.status, to: order.status, note: level, action: null }, now);
      return saved;
    });
  }

  /** Locks the order, checks the move, applies `edit`, closes the clock of a closing order, records it all. */
  private transition(
    by: DomainCaller,
    id: string,
    action: OrderAction,
    audit: string,
    edit: (order: ServiceOrder, now: Date, em: EntityManager) => Edited | Promise<Edited>,
  ): Promise<ServiceOrder> {
    return this.data.transaction(async (em) => {
      const order = await lockOrder(em, tenantOf(by), id);
      const now = this.now();
      const from = order.status;
      const to = nextStatus(order.type, from, action);
      const change = (await edit(order, now, em)) ?? {};
      order.status = to;
      if (!isOpen(to)) setClock(order, closed(clockOf(order), now));
      const saved = await em.getRepository(ServiceOrder).save(order);
      const kind = action === 'RECLASSIFY' ? ServiceOrderEventKind.RECLASSIFIED : ServiceOrderEventKind.STATUS_CHANGED;
      await recordChange(em, by, saved, { kind, from, to, action: audit, ...change }, now);
      return saved;
    });
  }
}
