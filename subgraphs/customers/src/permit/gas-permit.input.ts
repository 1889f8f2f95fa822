import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { LocalDate, localDate } from '@hearth/platform/graphql';

@InputType({ description: 'A gas-use permit to issue.' })
export class IssueGasPermitInput {
  @Field(() => String, { nullable: true, description: 'Permit number; omitted: `P-` and the customer’s card number with the year.' }) number?: string;
  @Field(() => LocalDate, { nullable: true, description: 'YYYY-MM-DD; omitted: today.' }) issuedOn?: string;
  @Field(() => LocalDate, { description: 'YYYY-MM-DD, after the issue date.' }) validUntil!: string;
}

export const issueGasPermitSchema = z.object({
  number: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{3,40}$/, '3–40 letters, digits or -')
    .optional(),
  issuedOn: localDate.optional(),
  validUntil: localDate,
});
