import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { FuelProduct } from './fuel-grade.types';

@InputType({ description: 'A fuel grade to create, or to change when its code exists.' })
export class SaveFuelGradeInput {
  @Field(() => String, { description: 'Code: 1–16 letters, digits, `#` or `-` (`92#`, `-10#`).' }) code!: string;
  @Field(() => String, { description: 'Name shown to people, 1–64 characters.' }) name!: string;
  @Field(() => FuelProduct, { description: 'The product it is.' }) product!: FuelProduct;
}

export const saveGradeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9#-]{1,16}$/, '1–16 letters, digits, # or -'),
  name: z.string().trim().min(1, 'give a name').max(64, 'at most 64 characters'),
  product: z.enum(FuelProduct),
});

/** A grade code as stored; anything else names no grade. */
export const GRADE_CODE = /^[A-Za-z0-9#-]{1,16}$/;
