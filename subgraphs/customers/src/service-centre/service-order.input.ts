import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { phoneProblem } from '@hearth/platform/pii';
import { LocalDate } from '@hearth/platform/graphql';
import { ServiceOrderStatus, ServiceOrderType, SlaState } from './service-order.enums';
import { CLOCK } from './sla/zoned-time';

@InputType({ description: 'A new service order. What is left out of a customer’s order is taken from the customer (address, phone, store).' })
export class CreateServiceOrderInput {
  @Field(() => ServiceOrderType, { description: 'What is asked for.' }) type!: ServiceOrderType;
  @Field(() => ID, { nullable: true, description: 'The customer; required except for a gas smell, which anyone may report.' }) customerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The store (a `Site`) to route it to; omitted: the customer’s supply station.' }) storeId?: string | null;
  @Field(() => String, { nullable: true, description: 'Where, up to 300 characters; required for a gas smell without a customer.' }) address?: string | null;
  @Field(() => String, { nullable: true, description: 'Phone to call, 7–15 digits; stored encrypted. Omitted: the customer’s first phone.' }) phone?:
    string | null;
  @Field(() => LocalDate, { nullable: true, description: 'Requested day, YYYY-MM-DD; required for a delivery.' }) requestedDate?: string | null;
  @Field(() => String, { nullable: true, description: 'Requested slot `HH:MM-HH:MM` (e.g. `09:00-12:00`); required for a delivery.' }) timeSlot?: string | null;
  @Field(() => String, { nullable: true, description: 'Cylinder spec for a delivery or pick-up (e.g. `YSP35.5`), up to 40 characters.' }) cylinderSpec?:
    string | null;
  @Field(() => Int, { nullable: true, description: 'How many cylinders, 1–99 (default 1 for a delivery or pick-up).' }) quantity?: number | null;
  @Field(() => String, { nullable: true, description: 'What the caller said, up to 1,000 characters.' }) notes?: string | null;
}

@InputType({ description: 'How an order was done.' })
export class CompleteServiceOrderInput {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Confirmed on site that the gas hazard is controlled; a gas-smell order needs true (HAZARD_NOT_CONFIRMED otherwise).',
  })
  hazardControlled?: boolean | null;
  @Field(() => String, { nullable: true, description: 'What was found and done, up to 1,000 characters.' }) note?: string | null;
}

@InputType({ description: 'Which service orders to list; a list left out does not filter.' })
export class ServiceOrderFilter {
  @Field(() => [ServiceOrderStatus], { nullable: true, description: 'Only orders in these statuses.' }) statuses?: ServiceOrderStatus[] | null;
  @Field(() => [ServiceOrderType], { nullable: true, description: 'Only orders of these types.' }) types?: ServiceOrderType[] | null;
  @Field(() => ID, { nullable: true, description: 'Only orders routed to this store.' }) storeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only this customer’s orders.' }) customerId?: string | null;
  @Field(() => [SlaState], { nullable: true, description: 'Only orders in these SLA states now.' }) slaStates?: SlaState[] | null;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z.string().superRefine((raw, ctx) => {
  const problem = phoneProblem(raw);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const slot = z
  .string()
  .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'a slot as HH:MM-HH:MM')
  .refine((s) => s.split('-').every((t) => CLOCK.test(t)) && s.slice(0, 5) !== s.slice(6), 'two different times of day, HH:MM-HH:MM');

export const createServiceOrderSchema = z
  .object({
    type: z.enum(ServiceOrderType),
    customerId: z.uuid().nullish(),
    storeId: z.uuid().nullish(),
    address: text(300).nullish(),
    phone: phone.nullish(),
    requestedDate: z.iso.date().nullish(),
    timeSlot: slot.nullish(),
    cylinderSpec: text(40).nullish(),
    quantity: z.number().int().min(1).max(99).nullish(),
    notes: text(1000).nullish(),
  })
  .superRefine((v, ctx) => {
    const missing = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.type === ServiceOrderType.GAS_SMELL) {
      // A passer-by's report is taken all the same: it needs somewhere to go.
      if (!v.customerId && !v.address) missing('address', 'a gas smell without a customer needs the address');
    } else if (!v.customerId) missing('customerId', `a ${v.type} order needs a customer (only a gas smell may be reported by anyone)`);
    if (v.type === ServiceOrderType.DELIVERY) {
      if (!v.requestedDate) missing('requestedDate', 'a delivery needs the requested day');
      if (!v.timeSlot) missing('timeSlot', 'a delivery needs the requested time slot');
    }
  });
export type ValidCreateServiceOrder = z.infer<typeof createServiceOrderSchema>;

export const completeServiceOrderSchema = z.object({ hazardControlled: z.boolean().nullish(), note: text(1000).nullish() });
export const reasonSchema = text(300);
export const assigneeSchema = text(100).nullish();
