import { Field, Float, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { MAX_POSTING_MINOR, TopUpMethod } from '@hearth/platform/ledger';
import { LocalDate, Minor } from '@hearth/platform/graphql';

@InputType({ description: 'The deposit taken with a cylinder (租瓶押金), held for the customer on the ledger.' })
export class HandoverDepositInput {
  @Field(() => Minor, { nullable: true, description: 'Positive, in minor units (fen); omitted: the spec’s deposit (`depositMinor`).' })
  amountMinor?: number | null;
  @Field(() => TopUpMethod, { description: 'How it was paid; cash goes to the store’s drawer, anything else to its clearing account.' })
  method!: TopUpMethod;
}

@InputType({ description: 'A full cylinder handed to a customer, with a deposit or lent (临时借瓶) until a due date.' })
export class HandOverCylinderInput {
  @Field(() => ID, { nullable: true, description: 'The cylinder; or give its `tag`.' }) cylinderId?: string | null;
  @Field(() => String, { nullable: true, description: 'The cylinder’s RFID or QR tag; or give its `cylinderId`.' }) tag?: string | null;
  @Field(() => ID, { description: 'The customer who takes it.' }) customerId!: string;
  @Field(() => ID, { description: 'The store (a `Site`) it is handed over from.' }) storeId!: string;
  @Field(() => HandoverDepositInput, { nullable: true, description: 'The deposit paid; exactly one of `deposit` and `loanDueOn`.' })
  deposit?: HandoverDepositInput | null;
  @Field(() => LocalDate, { nullable: true, description: 'A loan (临时借瓶): the day it is due back; no money moves.' }) loanDueOn?: string | null;
  @Field(() => Float, { nullable: true, description: 'Weighed at the door (kg): lighter than its last fill beyond the tolerance flags short weight.' })
  grossKg?: number | null;
  @Field(() => String, { nullable: true, description: 'Who delivered it (a driver’s name or staff number, up to 100 characters).' }) driver?: string | null;
  @Field(() => String, { description: 'Your unique id for this hand-over (1–200 characters): repeating it repeats nothing.' }) idempotencyKey!: string;
}

@InputType({ description: 'The deposit paid back when a cylinder comes back.' })
export class TakeBackRefundInput {
  @Field(() => TopUpMethod, { description: 'How it is paid back; cash comes from the store’s drawer.' }) method!: TopUpMethod;
  @Field(() => Minor, { nullable: true, description: 'Positive, in minor units; omitted: the deposit of the cylinder’s open hand-over.' })
  amountMinor?: number | null;
}

@InputType({ description: 'A cylinder taken back from its customer at a store, weighed for residual gas (退残).' })
export class TakeBackCylinderInput {
  @Field(() => ID, { nullable: true, description: 'The cylinder; or give its `tag`.' }) cylinderId?: string | null;
  @Field(() => String, { nullable: true, description: 'The cylinder’s RFID or QR tag; or give its `cylinderId`.' }) tag?: string | null;
  @Field(() => ID, { description: 'The store (a `Site`) that takes it in; it is RETURNED there.' }) storeId!: string;
  @Field(() => Float, { description: 'Its gross weight now (kg): what is above the spec’s tare is residual gas.' }) grossKg!: number;
  @Field(() => TakeBackRefundInput, { nullable: true, description: 'Pay the deposit back too (never more than is held).' })
  refundDeposit?: TakeBackRefundInput | null;
  @Field(() => String, { description: 'Your unique id for this take-back (1–200 characters): repeating it repeats nothing.' }) idempotencyKey!: string;
}

@InputType({ description: 'A tenant’s hand-over settings for one spec.' })
export class SetHandoverSettingsInput {
  @Field(() => String, { description: 'The spec (`YSP35.5`).' }) specCode!: string;
  @Field(() => Minor, { nullable: true, description: 'What residual gas is credited at, minor units per kg; 0: no credit. Omitted: unchanged.' })
  residualPricePerKgMinor?: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'How much lighter than its fill (kg) a cylinder may be at hand-over before it is short; omitted: unchanged (default the spec’s fill tolerance).',
  })
  shortWeightToleranceKg?: number | null;
}

@InputType({ description: 'Which hand-overs to list.' })
export class CylinderHandoverFilter {
  @Field(() => ID, { nullable: true, description: 'Only this customer’s.' }) customerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only this store’s.' }) storeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only this cylinder’s.' }) cylinderId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only those flagged short weight.' }) shortWeightOnly?: boolean | null;
}
const key = z.string().min(1).max(200);
const minor = z.number().int().positive().max(MAX_POSTING_MINOR);
const kg = z.number().positive().max(1000);
const cylinderRef = { cylinderId: z.uuid().nullish(), tag: z.string().min(1).max(128).nullish() };
const oneCylinder = (v: { cylinderId?: string | null; tag?: string | null }) => Boolean(v.cylinderId) !== Boolean(v.tag);
const method = z.enum(TopUpMethod);

export const handOverSchema = z
  .object({
    ...cylinderRef,
    customerId: z.string().min(1),
    storeId: z.string().min(1),
    deposit: z.object({ amountMinor: minor.nullish(), method }).nullish(),
    loanDueOn: z.iso.date().nullish(),
    grossKg: kg.nullish(),
    driver: z.string().trim().min(1).max(100).nullish(),
    idempotencyKey: key,
  })
  .refine(oneCylinder, { message: 'give cylinderId or tag, not both', path: ['cylinderId'] })
  .refine((v) => Boolean(v.deposit) !== Boolean(v.loanDueOn), { message: 'give a deposit or a loanDueOn, exactly one', path: ['deposit'] });

export const takeBackSchema = z
  .object({
    ...cylinderRef,
    storeId: z.string().min(1),
    grossKg: kg,
    refundDeposit: z.object({ method, amountMinor: minor.nullish() }).nullish(),
    idempotencyKey: key,
  })
  .refine(oneCylinder, { message: 'give cylinderId or tag, not both', path: ['cylinderId'] });

export const settingsSchema = z.object({
  specCode: z.string().min(1).max(32),
  residualPricePerKgMinor: z.number().int().min(0).max(1_000_000).nullish(),
  shortWeightToleranceKg: z.number().min(0).max(100).nullish(),
});

export type HandOverRequest = z.infer<typeof handOverSchema>;
export type TakeBackRequest = z.infer<typeof takeBackSchema>;
