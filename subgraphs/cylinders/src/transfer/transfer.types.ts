import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TransferDiscrepancyKind } from './transfer.enums';

@ObjectType({ description: 'One spec on a transfer order: how many were planned, loaded and received.' })
export class TransferLine {
  @Field(() => String, { description: 'The cylinder spec (e.g. `YSP35.5`).' }) specCode!: string;
  @Field(() => Int, { description: 'How many the order plans to carry.' }) planned!: number;
  @Field(() => Int, { description: 'How many are scanned onto the truck (at most `planned`).' }) loaded!: number;
  @Field(() => Int, { description: 'How many were signed for at the to-site; 0 before sign-off.' }) received!: number;
}

@ObjectType({ description: 'A cylinder scanned onto a transfer order’s truck.' })
export class TransferScan {
  @Field(() => ID, { description: 'The cylinder.' }) cylinderId!: string;
  @Field(() => String, { description: 'Its serial (钢印号).' }) serial!: string;
  @Field(() => String, { description: 'Its RFID or QR tag.' }) tag!: string;
  @Field(() => String, { description: 'Its spec.' }) specCode!: string;
  @Field(() => Date, { description: 'When it was scanned on.' }) scannedAt!: Date;
  @Field(() => String, { description: 'Who scanned it: `user:<id>` or `apiKey:<id>`.' }) scannedBy!: string;
  @Field(() => Boolean, { nullable: true, description: 'Whether it was signed for at the to-site; null before sign-off.' }) received!: boolean | null;
}

@ObjectType({ description: 'What did not match at a transfer’s sign-off, one cylinder each.' })
export class TransferDiscrepancy {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => TransferDiscrepancyKind, { description: 'What went wrong.' }) kind!: TransferDiscrepancyKind;
  @Field(() => ID, { description: 'The cylinder.' }) cylinderId!: string;
  @Field(() => String, { description: 'Its serial (钢印号).' }) serial!: string;
  @Field(() => String, { description: 'Its spec.' }) specCode!: string;
  @Field(() => String, { nullable: true, description: 'What the receiver noted.' }) note!: string | null;
  @Field(() => Date, { description: 'When it was recorded.' }) recordedAt!: Date;
  @Field(() => String, { description: 'Who signed off.' }) recordedBy!: string;
}
