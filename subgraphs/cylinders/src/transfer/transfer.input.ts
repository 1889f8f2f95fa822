import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { TransferState, TransferType } from './transfer.enums';

@InputType({ description: 'One spec to carry and how many.' })
export class TransferLineInput {
  @Field(() => String, { description: 'A spec of your company (e.g. `YSP35.5`); each spec once per order.' }) specCode!: string;
  @Field(() => Int, { description: 'How many to carry, 1–10,000.' }) planned!: number;
}

@InputType({ description: 'A new transfer order, DRAFT until its first cylinder is scanned on.' })
export class CreateTransferOrderInput {
  @Field(() => TransferType, { description: 'What it carries and which way.' }) type!: TransferType;
  @Field(() => ID, { description: 'The site the cylinders leave from (one of yours; NOT_FOUND otherwise).' }) fromSiteId!: string;
  @Field(() => ID, { description: 'The site they go to (one of yours, not the from-site).' }) toSiteId!: string;
  @Field(() => [TransferLineInput], { description: 'What to carry: 1–50 lines, one per spec.' }) lines!: TransferLineInput[];
  @Field(() => String, { nullable: true, description: 'Who drives, up to 100 characters.' }) driver?: string | null;
  @Field(() => String, { nullable: true, description: 'The truck’s number plate, up to 20 characters.' }) vehiclePlate?: string | null;
  @Field(() => String, { nullable: true, description: 'Notes for the crew, up to 1,000 characters.' }) note?: string | null;
}

@InputType({ description: 'What arrived at the to-site.' })
export class SignOffTransferInput {
  @Field(() => [String], {
    description:
      'Tags (or serials) of every cylinder that arrived, up to 10,000; a cylinder not on the order is refused (TRANSFER_SCAN_REFUSED, NOT_ON_ORDER). Loaded cylinders left out are missing.',
  })
  receivedTags!: string[];
  @Field(() => String, { nullable: true, description: 'What the receiver noted, up to 1,000 characters.' }) note?: string | null;
}

@InputType({ description: 'Which transfer orders to list; a field left out does not filter.' })
export class TransferOrderFilter {
  @Field(() => TransferState, { nullable: true, description: 'Only orders in this state.' }) state?: TransferState | null;
  @Field(() => ID, { nullable: true, description: 'Only orders from or to this site.' }) siteId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Only orders made at or after this time.' }) since?: Date | null;
}

const text = (max: number) => z.string().trim().min(1).max(max);
export const codesSchema = z.array(text(128)).min(1).max(10000);
export const reasonSchema = text(300);

export const createTransferSchema = z
  .object({
    type: z.enum(TransferType),
    fromSiteId: z.uuid(),
    toSiteId: z.uuid(),
    lines: z
      .array(z.object({ specCode: text(32), planned: z.number().int().min(1).max(10000) }))
      .min(1)
      .max(50),
    driver: text(100).nullish(),
    vehiclePlate: text(20).nullish(),
    note: text(1000).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.fromSiteId.toLowerCase() === v.toSiteId.toLowerCase())
      ctx.addIssue({ code: 'custom', path: ['toSiteId'], message: 'the to-site must differ from the from-site' });
    const specs = v.lines.map((l) => l.specCode);
    const twice = specs.find((s, i) => specs.indexOf(s) !== i);
    if (twice) ctx.addIssue({ code: 'custom', path: ['lines'], message: `spec ${twice} is on two lines; put it on one` });
  });
export type ValidCreateTransfer = z.infer<typeof createTransferSchema>;

export const signOffSchema = z.object({ receivedTags: z.array(text(128)).max(10000), note: text(1000).nullish() });
export const filterSchema = z.object({ siteId: z.uuid().nullish() });
