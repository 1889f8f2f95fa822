import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { CylinderStateEnum, LocalDate, localDate } from '@hearth/platform/graphql';
import type { CylinderState } from '@hearth/platform/domain';
import { CylinderContent } from './cylinder.enums';

@InputType({ description: 'A cylinder to put on the registry (one, or a row of an import).' })
export class RegisterCylinderInput {
  @Field(() => String, { description: 'Serial stamped on the collar, 1–64 characters, unique in your company.' }) serial!: string;
  @Field(() => String, { description: 'RFID EPC or QR code, 4–128 characters, unique everywhere.' }) tag!: string;
  @Field(() => String, { description: 'One of your `cylinderSpecs` codes.' }) specCode!: string;
  @Field(() => String, { description: 'Maker, 1–100 characters.' }) manufacturer!: string;
  @Field(() => LocalDate, { description: 'Manufacture date stamped on it; not in the future.' }) manufacturedOn!: string;
  @Field(() => Int, { nullable: true, description: 'Design life in years (1–50) from its stamp; omitted: the spec’s.' }) designLifeYears?: number | null;
  @Field(() => LocalDate, { nullable: true, description: 'Last periodic inspection passed; omitted: none since manufacture.' }) lastInspectedOn?: string | null;
  @Field(() => LocalDate, {
    nullable: true,
    description: 'Next inspection due; omitted: the last inspection (or manufacture) plus the spec’s interval.',
  })
  nextInspectionDue?: string | null;
  @Field(() => String, { description: 'The company that owns it, 1–64 characters.' }) ownerCompany!: string;
  @Field(() => ID, { nullable: true, description: 'The one filling station that may fill it (定点充装); omitted: any of its owner’s.' })
  fixedStationId?: string | null;
  @Field(() => ID, { description: 'The site where it is now (one of your `Site`s).' }) locationSiteId!: string;
}

@InputType({ description: 'Values for the cells an import leaves empty (or the columns it leaves out): a file of one purchase need not repeat them.' })
export class CylinderImportDefaults {
  @Field(() => String, { nullable: true, description: 'The spec code of rows without one.' }) specCode?: string | null;
  @Field(() => String, { nullable: true, description: 'The maker of rows without one.' }) manufacturer?: string | null;
  @Field(() => String, { nullable: true, description: 'The owning company of rows without one.' }) ownerCompany?: string | null;
  @Field(() => ID, { nullable: true, description: 'The site of rows without one.' }) locationSiteId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The fixed filling station of rows without one.' }) fixedStationId?: string | null;
  @Field(() => Int, { nullable: true, description: 'The design life in years of rows without one (otherwise the spec’s).' }) designLifeYears?: number | null;
}

@InputType({
  description: 'Registry facts to correct; omitted fields stay as they are, null clears an optional one. Its place in life changes only by its documents.',
})
export class UpdateCylinderInput {
  @Field(() => String, { nullable: true, description: 'A new tag (a replaced RFID label), unique everywhere.' }) tag?: string;
  @Field(() => String, { nullable: true, description: 'The company that owns it.' }) ownerCompany?: string;
  @Field(() => ID, { nullable: true, description: 'The filling station it is fixed to; null: any of its owner’s.' }) fixedStationId?: string | null;
  @Field(() => String, { nullable: true, description: 'Maker.' }) manufacturer?: string;
  @Field(() => LocalDate, { nullable: true, description: 'Last inspection passed; null: none.' }) lastInspectedOn?: string | null;
  @Field(() => LocalDate, { nullable: true, description: 'Next inspection due.' }) nextInspectionDue?: string;
}

@InputType({ description: 'Which cylinders to list; every condition given must hold.' })
export class CylinderFilter {
  @Field(() => String, { nullable: true, description: 'Serials starting with this.' }) serialPrefix?: string | null;
  @Field(() => String, { nullable: true, description: 'The cylinder with this tag.' }) tag?: string | null;
  @Field(() => CylinderStateEnum, { nullable: true, description: 'Only in this state.' }) state?: CylinderState | null;
  @Field(() => ID, { nullable: true, description: 'Only those at this site.' }) locationSiteId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only those this customer holds.' }) holderCustomerId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only of this spec.' }) specCode?: string | null;
}

export { CylinderContent };

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const day = localDate.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real date');

export const registerCylinderSchema = z
  .object({
    serial: text(1, 64),
    tag: text(4, 128),
    specCode: text(1, 32),
    manufacturer: text(1, 100),
    manufacturedOn: day,
    designLifeYears: z.number({ error: 'a whole number of years' }).int().min(1).max(50).nullish(),
    lastInspectedOn: day.nullish(),
    nextInspectionDue: day.nullish(),
    ownerCompany: text(1, 64),
    fixedStationId: z.uuid().nullish(),
    locationSiteId: z.uuid(),
  })
  .superRefine((v, ctx) => {
    if (v.lastInspectedOn && v.lastInspectedOn < v.manufacturedOn)
      ctx.addIssue({ code: 'custom', path: ['lastInspectedOn'], message: 'before the manufacture date' });
    if (v.nextInspectionDue && v.nextInspectionDue <= v.manufacturedOn)
      ctx.addIssue({ code: 'custom', path: ['nextInspectionDue'], message: 'not after the manufacture date' });
  });

export const updateCylinderSchema = z.object({
  tag: text(4, 128).optional(),
  ownerCompany: text(1, 64).optional(),
  fixedStationId: z.uuid().nullish(),
  manufacturer: text(1, 100).optional(),
  lastInspectedOn: day.nullish(),
  nextInspectionDue: day.optional(),
});

export type ValidRegistration = z.infer<typeof registerCylinderSchema>;
