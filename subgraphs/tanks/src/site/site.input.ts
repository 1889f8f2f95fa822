import { Field, InputType } from 'type-graphql';
import { z } from 'zod';

@InputType({ description: 'A new site.' })
export class CreateSiteInput {
  @Field(() => String, { description: 'Short code, unique per tenant.' }) code!: string;
  @Field(() => String, { description: 'Display name, 1–100 characters after trimming.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Postal address, up to 300 characters; omitted or null: none.' }) address?: string;
}

export const createSiteSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(300).nullish(),
});
