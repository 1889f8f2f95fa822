import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { LocalDate, localDate } from '@hearth/platform/graphql';
import { idNumberProblem, phoneProblem } from '@hearth/platform/pii';
import { CustomerStatus, CustomerType, IdKind, PaymentMethod } from './customer.enums';

@InputType({ description: 'What a customer record says; every field but the name is optional.' })
class CustomerFields {
  @Field(() => String, { nullable: true, description: 'Person or company name, 1–100 characters.' }) name?: string;
  @Field(() => IdKind, { nullable: true, description: 'What `idNumber` is (default RESIDENT_ID, whose check character is verified).' }) idKind?: IdKind;
  @Field(() => String, { nullable: true, description: 'ID number; stored encrypted.' }) idNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'The company’s unique archive number.' }) uniqueNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'Archive address.' }) archiveAddress?: string | null;
  @Field(() => String, { nullable: true, description: 'Gas supply address.' }) supplyAddress?: string | null;
  @Field(() => [String], { nullable: true, description: 'Up to 3 phone numbers, 7–15 digits each; stored encrypted.' }) phones?: string[];
  @Field(() => PaymentMethod, { nullable: true, description: 'Default PREPAID_WALLET.' }) paymentMethod?: PaymentMethod;
  @Field(() => String, { nullable: true, description: 'Credit level, up to 10 characters (`A`, `B`, `C`).' }) creditLevel?: string | null;
  @Field(() => String, { nullable: true, description: 'Insurer of the gas liability policy.' }) insurer?: string | null;
  @Field(() => String, { nullable: true, description: 'Policy number.' }) insurancePolicy?: string | null;
  @Field(() => LocalDate, { nullable: true, description: 'YYYY-MM-DD.' }) insuranceValidUntil?: string | null;
  @Field(() => ID, { nullable: true, description: 'The customer’s own premises as a `Site`: alarms of gas detectors there concern this customer.' })
  premisesSiteId?: string | null;
}

@InputType({ description: 'A new customer; its wallet account is opened with it.' })
export class CreateCustomerInput extends CustomerFields {
  @Field(() => CustomerType, { description: 'Residential, commercial or industrial.' }) type!: CustomerType;
  @Field(() => String, { description: 'Person or company name, 1–100 characters.' }) override name!: string;
  @Field(() => String, { nullable: true, description: 'Card number; omitted: the next free one is issued.' }) cardNumber?: string;
  @Field(() => ID, { nullable: true, description: 'The supply station (a `Site`) serving the customer.' }) supplyStationId?: string | null;
  @Field(() => LocalDate, { nullable: true, description: 'Account opening date, YYYY-MM-DD; omitted: today.' }) openedOn?: string;
}

@InputType({ description: 'Changes to a customer record; omitted fields stay as they are, null clears one.' })
export class UpdateCustomerInput extends CustomerFields {
  @Field(() => CustomerStatus, { nullable: true, description: 'TERMINATED records the termination date.' }) status?: CustomerStatus;
}

@InputType({ description: 'Which customers to list.' })
export class CustomerFilter {
  @Field(() => String, {
    nullable: true,
    description: 'A name fragment, a card or archive number, or 4 or more digits of a phone number.',
  })
  search?: string | null;
  @Field(() => CustomerType, { nullable: true, description: 'Only customers of this type.' }) type?: CustomerType | null;
  @Field(() => CustomerStatus, { nullable: true, description: 'Only customers in this status.' }) status?: CustomerStatus | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only blacklisted customers; false: only the others.' }) blacklisted?: boolean | null;
}

const text = (max: number) => z.string().trim().min(1).max(max);

const phone = z.string().superRefine((raw, ctx) => {
  const problem = phoneProblem(raw);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const fields = {
  name: text(100),
  idKind: z.enum(IdKind).optional(),
  idNumber: z.string().trim().min(1).nullish(),
  uniqueNumber: text(40).nullish(),
  archiveAddress: text(300).nullish(),
  supplyAddress: text(300).nullish(),
  phones: z.array(phone).max(3).optional(),
  paymentMethod: z.enum(PaymentMethod).optional(),
  creditLevel: text(10).nullish(),
  insurer: text(100).nullish(),
  insurancePolicy: text(60).nullish(),
  insuranceValidUntil: localDate.nullish(),
  premisesSiteId: z.uuid().nullish(),
};

/** The ID number is checked against its kind (GB 11643-1999 check character for resident IDs). */
const checkIdNumber = (value: { idNumber?: string | null; idKind?: IdKind }, ctx: z.RefinementCtx) => {
  if (!value.idNumber) return;
  const problem = idNumberProblem(value.idNumber, value.idKind ?? IdKind.RESIDENT_ID);
  if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
};

export const createCustomerSchema = z
  .object({
    ...fields,
    type: z.enum(CustomerType),
    cardNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{4,32}$/, '4–32 letters, digits or -')
      .optional(),
    supplyStationId: z.uuid().nullish(),
    openedOn: localDate.optional(),
  })
  .superRefine(checkIdNumber);

export const updateCustomerSchema = z.object({ ...fields, name: fields.name.optional(), status: z.enum(CustomerStatus).optional() }).superRefine(checkIdNumber);

@InputType({ description: 'The new holder of an account (过户): the account, its wallet and its history stay; the holder’s details change.' })
export class TransferOwnershipInput {
  @Field(() => String, { description: 'New holder’s name, 1–100 characters.' }) name!: string;
  @Field(() => IdKind, { nullable: true, description: 'Default RESIDENT_ID.' }) idKind?: IdKind;
  @Field(() => String, { nullable: true, description: 'New holder’s ID number; omitted: none on record.' }) idNumber?: string | null;
  @Field(() => [String], { description: 'New holder’s phones, up to 3.' }) phones!: string[];
  @Field(() => String, { nullable: true, description: 'Why, or the document the transfer rests on (up to 300 characters).' }) note?: string | null;
}

export const transferOwnershipSchema = z
  .object({
    name: fields.name,
    idKind: fields.idKind,
    idNumber: fields.idNumber,
    phones: z.array(phone).max(3),
    note: text(300).nullish(),
  })
  .superRefine(checkIdNumber);

export type ValidCreateCustomer = z.infer<typeof createCustomerSchema>;
export type ValidUpdateCustomer = z.infer<typeof updateCustomerSchema>;
