import { Field, Float, InputType } from 'type-graphql';
import { z } from 'zod';

@InputType({ description: 'One calibration point.' })
export class StrappingPointInput {
  @Field(() => Float) levelMm!: number;
  @Field(() => Float) volumeLiters!: number;
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
