import { Field, Float, InputType } from 'type-graphql';
import { z } from 'zod';

@InputType({ description: 'One calibration point.' })
export class StrappingPointInput {
  @Field(() => Float, { description: 'Liquid level in mm: 0 for the first point, then strictly higher at each point.' }) levelMm!: number;
  @Field(() => Float, {
    description: 'Volume in litres at that level, 0 or more and never less than at the point before; the last may exceed the tank’s capacity by at most 5 %.',
  })
  volumeLiters!: number;
}

@InputType({ description: 'A new calibration table for a tank; it becomes the next version.' })
export class StrappingTableInput {
  @Field(() => [StrappingPointInput], { description: 'Points sorted by level, starting at 0 mm.' })
  points!: StrappingPointInput[];

  @Field(() => String, { nullable: true, description: 'Certificate number or remark.' })
  note?: string;
}

export const strappingTableSchema = z.object({
  points: z
    .array(z.object({ levelMm: z.number(), volumeLiters: z.number() }))
    .min(2)
    .max(5000),
  note: z.string().max(500).nullish(),
});
