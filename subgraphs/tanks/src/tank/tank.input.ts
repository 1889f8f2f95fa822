import { z } from 'zod';
import { Field, Float, ID, InputType } from 'type-graphql';

@InputType({ description: 'Level alarm set points in millimetres; omit or null to disable one.' })
export class AlarmLevelsInput {
  @Field(() => Float, { nullable: true }) highHighMm?: number | null;
  @Field(() => Float, { nullable: true }) highMm?: number | null;
  @Field(() => Float, { nullable: true }) lowMm?: number | null;
  @Field(() => Float, { nullable: true }) lowLowMm?: number | null;
  @Field(() => Float, { nullable: true, description: 'Hysteresis in mm (default 10).' }) deadbandMm?: number | null;
}

@InputType({ description: 'A new tank.' })
export class CreateTankInput {
  @Field(() => ID) siteId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'e.g. LPG, PROPANE, BUTANE, DIESEL.' }) product!: string;
  @Field(() => Float) capacityLiters!: number;
  @Field(() => Float, { nullable: true, description: 'Default 85 (LPG).' }) maxFillPercent?: number;
  @Field(() => Float) densityKgPerL!: number;
  @Field(() => Float, { nullable: true, description: 'Default 15 °C.' }) referenceTemperatureC?: number;
  @Field(() => Float, { nullable: true, description: 'Default 0.0027 per K (LPG).' }) thermalExpansionPerK?: number;
  @Field(() => AlarmLevelsInput, { nullable: true }) alarmLevels?: AlarmLevelsInput;
}

@InputType({ description: 'Changes to a tank; omitted fields keep their value.' })
export class UpdateTankInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) product?: string;
  @Field(() => Float, { nullable: true }) capacityLiters?: number;
  @Field(() => Float, { nullable: true }) maxFillPercent?: number;
  @Field(() => Float, { nullable: true }) densityKgPerL?: number;
  @Field(() => Float, { nullable: true }) referenceTemperatureC?: number;
  @Field(() => Float, { nullable: true }) thermalExpansionPerK?: number;
  @Field(() => AlarmLevelsInput, { nullable: true }) alarmLevels?: AlarmLevelsInput;
}

const level = z.number().nonnegative().max(100_000).nullish();
const alarmLevels = z
  .object({ highHighMm: level, highMm: level, lowMm: level, lowLowMm: level, deadbandMm: z.number().nonnegative().max(1000).nullish() })
  .refine(
    (a) => {
      // Set points must nest: LL < L < H < HH, whichever of them are set.
      const set = [a.lowLowMm, a.lowMm, a.highMm, a.highHighMm].filter((v): v is number => v != null);
      return set.every((v, i) => i === 0 || v > set[i - 1]!);
    },
    { message: 'levels must rise: lowLowMm < lowMm < highMm < highHighMm' },
  );

const tankFields = {
  name: z.string().trim().min(1).max(100),
  product: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .transform((p) => p.toUpperCase()),
  capacityLiters: z.number().positive().max(1e8),
  maxFillPercent: z.number().gt(0).max(100),
  densityKgPerL: z.number().positive().max(3),
  referenceTemperatureC: z.number().min(-50).max(60),
  thermalExpansionPerK: z.number().min(0).max(0.01),
  alarmLevels,
};

export const createTankSchema = z.object({
  ...tankFields,
  siteId: z.uuid(),
  maxFillPercent: tankFields.maxFillPercent.default(85),
  referenceTemperatureC: tankFields.referenceTemperatureC.default(15),
  thermalExpansionPerK: tankFields.thermalExpansionPerK.default(0.0027),
  alarmLevels: alarmLevels.optional(),
});

export const updateTankSchema = z.object(tankFields).partial();
