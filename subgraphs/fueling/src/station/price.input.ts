import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { Minor } from '@hearth/platform/graphql';
import { GRADE_CODE } from './grade.input';

@InputType({ description: 'A new price for a grade, from now or from an instant ahead (a change announced for 00:00 tonight).' })
export class SetFuelPriceInput {
  @Field(() => String, { description: 'The grade (a `FuelGrade` code of yours).' }) gradeCode!: string;
  @Field(() => ID, { nullable: true, description: 'The station it is for; omitted: every station of yours.' }) stationId?: string | null;
  @Field(() => Minor, { description: 'Price per litre in minor units (fen), 1–1,000,000.' }) unitPriceMinor!: number;
  @Field(() => Date, { nullable: true, description: 'When it takes effect; omitted: now. Never more than a minute in the past.' }) effectiveAt?: Date | null;
}

export const setPriceSchema = z.object({
  gradeCode: z.string().trim().regex(GRADE_CODE, 'a grade code'),
  stationId: z.string().trim().min(1).nullish(),
  unitPriceMinor: z.number().int('whole fen').min(1, 'at least 1 fen').max(1_000_000, 'at most 1,000,000 fen (10,000 yuan) a litre'),
  effectiveAt: z.date().nullish(),
});
