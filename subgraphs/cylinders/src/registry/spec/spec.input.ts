import { Field, Float, InputType, Int } from 'type-graphql';
import { z } from 'zod';

@InputType({ description: 'A cylinder spec to create, or to change when its code exists: every field is set.' })
export class SaveCylinderSpecInput {
  @Field(() => String, { description: 'Code: 1–32 letters, digits, `.` or `-`.' }) code!: string;
  @Field(() => String, { nullable: true, description: 'Name shown to people, up to 64 characters; omitted: the code.' }) name?: string | null;
  @Field(() => Float, { description: 'Water capacity, litres (> 0).' }) waterCapacityL!: number;
  @Field(() => Float, { description: 'Nominal tare, kg (> 0).' }) nominalTareKg!: number;
  @Field(() => Float, { description: 'Maximum fill, kg net (> 0).' }) maxFillKg!: number;
  @Field(() => Float, { description: 'Overfill tolerance, kg (≥ 0).' }) toleranceKg!: number;
  @Field(() => Int, { description: 'Years between periodic inspections, 1–10.' }) inspectionIntervalYears!: number;
  @Field(() => Int, { description: 'Design life in years, 1–50.' }) designLifeYears!: number;
  @Field(() => Int, { defaultValue: 0, description: 'Deposit in minor units (fen), ≥ 0.' }) depositMinor!: number;
}

const positive = z.number().finite().positive();

export const saveSpecSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]{1,32}$/, '1–32 letters, digits, . or -'),
  name: z.string().trim().min(1).max(64).nullish(),
  waterCapacityL: positive,
  nominalTareKg: positive,
  maxFillKg: positive,
  toleranceKg: z.number().finite().min(0),
  inspectionIntervalYears: z.number().int().min(1).max(10),
  designLifeYears: z.number().int().min(1).max(50),
  depositMinor: z.number().int().min(0),
});
