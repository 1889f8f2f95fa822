import { z } from 'zod';
import { Field, Float, ID, InputType } from 'type-graphql';

@InputType({ description: 'Level alarm set points in millimetres; omit or null to disable one.' })
export class AlarmLevelsInput {
  @Field(() => Float, {
    nullable: true,
    description:
      'High-high (HH) set point in mm, 0–100000 and above the other set points: a level at or above it raises a CRITICAL alarm (stop filling); null: none.',
  })
  highHighMm?: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'High (H) set point in mm, 0–100000, above lowLowMm and lowMm and below highHighMm where set: a level at or above it raises a WARNING (filling should end soon); null: none.',
  })
  highMm?: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Low (L) set point in mm, 0–100000, above lowLowMm and below highMm and highHighMm where set: a level at or below it raises a WARNING (order a delivery); null: none.',
  })
  lowMm?: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Low-low (LL) set point in mm, 0–100000 and below the other set points: a level at or below it raises a MAJOR alarm (protect pumps, stop drawing); null: none.',
  })
  lowLowMm?: number | null;
  @Field(() => Float, { nullable: true, description: 'Hysteresis in mm (default 10).' }) deadbandMm?: number | null;
}

@InputType({ description: 'A new tank.' })
export class CreateTankInput {
  @Field(() => ID, { description: 'The site the tank stands at, one of your company’s sites (NOT_FOUND otherwise).' }) siteId!: string;
  @Field(() => String, { description: 'Display name, 1–100 characters after trimming, unique within its site (CONFLICT otherwise).' }) name!: string;
  @Field(() => String, { description: 'e.g. LPG, PROPANE, BUTANE, DIESEL.' }) product!: string;
  @Field(() => Float, { description: 'Nominal water capacity in litres, above 0 and at most 100000000.' }) capacityLiters!: number;
  @Field(() => Float, { nullable: true, description: 'Default 85 (LPG).' }) maxFillPercent?: number;
  @Field(() => Float, { description: 'Product density at the reference temperature in kg/L, above 0 and at most 3.' }) densityKgPerL!: number;
  @Field(() => Float, { nullable: true, description: 'Default 15 °C.' }) referenceTemperatureC?: number;
  @Field(() => Float, { nullable: true, description: 'Default 0.0027 per K (LPG).' }) thermalExpansionPerK?: number;
  @Field(() => AlarmLevelsInput, { nullable: true, description: 'HH/H/L/LL level alarm set points; omitted: no level alarms and a 10 mm deadband.' })
  alarmLevels?: AlarmLevelsInput;
}

@InputType({ description: 'Changes to a tank; omitted fields keep their value.' })
export class UpdateTankInput {
  @Field(() => String, { nullable: true, description: 'Display name, 1–100 characters after trimming, unique within its site (CONFLICT otherwise).' })
  name?: string;
  @Field(() => String, { nullable: true, description: 'Stored product, 1–40 characters, saved in upper case (e.g. LPG, PROPANE, DIESEL).' }) product?: string;
  @Field(() => Float, { nullable: true, description: 'Nominal water capacity in litres, above 0 and at most 100000000.' }) capacityLiters?: number;
  @Field(() => Float, { nullable: true, description: 'Highest allowed fill by volume at the reference temperature, %, above 0 and at most 100.' })
  maxFillPercent?: number;
  @Field(() => Float, { nullable: true, description: 'Product density at the reference temperature in kg/L, above 0 and at most 3.' }) densityKgPerL?: number;
  @Field(() => Float, { nullable: true, description: 'Reference temperature for volume correction in °C, −50 to 60.' }) referenceTemperatureC?: number;
  @Field(() => Float, { nullable: true, description: 'Volumetric expansion coefficient of the product per kelvin, 0 to 0.01.' }) thermalExpansionPerK?: number;
  @Field(() => AlarmLevelsInput, {
    nullable: true,
    description:
      'Set points to change: a level left out keeps its value, null removes it (a null deadbandMm restores 10 mm), and the result must still rise LL < L < H < HH.',
  })
  alarmLevels?: AlarmLevelsInput;
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
