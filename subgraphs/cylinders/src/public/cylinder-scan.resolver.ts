import { Arg, Directive, Field, Float, ObjectType, Query, Resolver } from 'type-graphql';
import type { Database } from '@hearth/platform/db';
import { PUBLIC_FIELD, validateInput } from '@hearth/platform/graphql';
import { z } from 'zod';
import { scanCylinder } from './cylinder-scan';

@ObjectType({
  description: 'What anyone scanning a cylinder’s QR code may see: who filled it, when, how much, and whether it is fit for use. Nothing personal.',
})
export class CylinderScanResult {
  @Field(() => String, { description: 'The tag scanned (RFID EPC or QR code).' }) tag!: string;
  @Field(() => String, { description: 'The serial stamped on the collar (钢印号), to compare with the cylinder in hand.' }) serial!: string;
  @Field(() => String, { description: 'Its spec code, e.g. YSP35.5.' }) specCode!: string;
  @Field(() => String, { description: 'Its spec’s name.' }) specName!: string;
  @Field(() => String, { description: 'The company that owns it.' }) ownerCompany!: string;
  @Field(() => String, { nullable: true, description: 'The filling station of its last fill; null before its first.' }) fillingStationName!: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was last filled.' }) filledAt!: Date | null;
  @Field(() => Float, { nullable: true, description: 'Net weight of its last fill, kg.' }) netKg!: number | null;
  @Field(() => String, { description: 'The last day of its periodic inspection period, YYYY-MM-DD.' }) nextInspectionDue!: string;
  @Field(() => Boolean, { description: 'Its periodic inspection is not overdue today.' }) inspectionValid!: boolean;
  @Field(() => String, { description: 'The last day of its design life, YYYY-MM-DD.' }) designLifeEnds!: string;
  @Field(() => Boolean, { description: 'It is within its design life today.' }) designLifeValid!: boolean;
  @Field(() => Boolean, { description: 'It is registered and neither scrapped nor reported lost.' }) inService!: boolean;
  @Field(() => Boolean, { description: 'In service, inspected in time and within its design life: safe to accept.' }) fitForUse!: boolean;
}

const tagSchema = z.object({ tag: z.string().trim().min(4).max(128) });

@Resolver()
export class CylinderScanResolver {
  constructor(private readonly db: Database) {}

  @Directive(PUBLIC_FIELD)
  @Query(() => CylinderScanResult, {
    nullable: true,
    description:
      'A cylinder as its QR code shows it to anyone, signed in or not (rate-limited per address at the gateway); null when no registered cylinder has the tag — do not accept it.',
  })
  async cylinderScan(@Arg('tag', () => String, { description: 'The code scanned from the cylinder.' }) tag: string): Promise<CylinderScanResult | null> {
    const valid = validateInput(tagSchema, { tag });
    return scanCylinder(this.db, valid.tag);
  }
}
