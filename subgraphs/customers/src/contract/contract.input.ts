import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { Minor } from '../scalars';
import { LocalDate, localDate } from '@hearth/platform/graphql';
import { ContractBilling, ContractPayment } from './contract.entity';

@InputType({ description: 'A commercial or industrial supply contract.' })
export class RecordContractInput {
  @Field(() => String, { description: 'Contract number, 3–40 letters, digits or -.' }) number!: string;
  @Field(() => LocalDate, { description: 'YYYY-MM-DD.' }) validFrom!: string;
  @Field(() => LocalDate, { description: 'YYYY-MM-DD, after `validFrom`.' }) validUntil!: string;
  @Field(() => ContractPayment, { description: 'Prepaid or credit.' }) payment!: ContractPayment;
  @Field(() => Minor, { nullable: true, description: 'CREDIT: how far the wallet may go below zero, in minor units (required, > 0).' })
  creditLimitMinor?: number;
  @Field(() => ContractBilling, { description: 'By cylinder or by flow.' }) billing!: ContractBilling;
}

/** Credit beyond 10 million yuan is not a retail contract: refused rather than mistyped into the books. */
const MAX_CREDIT_MINOR = 1_000_000_000;

export const recordContractSchema = z
  .object({
    number: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{3,40}$/, '3–40 letters, digits or -'),
    validFrom: localDate,
    validUntil: localDate,
    payment: z.enum(ContractPayment),
    creditLimitMinor: z.number().int().min(1).max(MAX_CREDIT_MINOR).optional(),
    billing: z.enum(ContractBilling),
  })
  .superRefine((v, ctx) => {
    if (v.validUntil <= v.validFrom) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be after validFrom' });
    if (v.payment === ContractPayment.CREDIT && v.creditLimitMinor === undefined)
      ctx.addIssue({ code: 'custom', path: ['creditLimitMinor'], message: 'a credit contract needs its limit' });
    if (v.payment === ContractPayment.PREPAID && v.creditLimitMinor !== undefined)
      ctx.addIssue({ code: 'custom', path: ['creditLimitMinor'], message: 'a prepaid contract has no credit' });
  });
