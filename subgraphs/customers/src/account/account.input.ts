import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { Minor } from '../scalars';

/** Where top-up money comes from; each has its own clearing account, reconciled with its channel. */
export enum TopUpMethod {
  CASH = 'CASH',
  BANK_CARD = 'BANK_CARD',
  BANK_TRANSFER = 'BANK_TRANSFER',
  WECHAT_PAY = 'WECHAT_PAY',
  ALIPAY = 'ALIPAY',
  PARTNER = 'PARTNER',
}
registerEnumType(TopUpMethod, {
  name: 'TopUpMethod',
  description: 'Where top-up money comes from.',
  valuesConfig: {
    CASH: { description: 'Cash at a store or service centre.' },
    BANK_CARD: { description: 'A bank card at a terminal.' },
    BANK_TRANSFER: { description: 'A bank transfer.' },
    WECHAT_PAY: { description: 'WeChat Pay.' },
    ALIPAY: { description: 'Alipay.' },
    PARTNER: { description: 'A payment partner through the API.' },
  },
});

/** Largest single posting: 10 million yuan in fen. A typo of five zeros is refused, not posted. */
const MAX_POSTING_MINOR = 1_000_000_000;

@InputType({ description: 'Money paid into a wallet.' })
export class TopUpAccountInput {
  @Field(() => ID, { description: 'The wallet (`Customer.account.id`).' }) accountId!: string;
  @Field(() => Minor, { description: 'Positive, in minor units (fen).' }) amountMinor!: number;
  @Field(() => String, { description: 'Your unique id for this request (1–200 characters): repeating it repeats nothing.' }) idempotencyKey!: string;
  @Field(() => TopUpMethod, { description: 'Where the money comes from; each has its clearing account.' }) method!: TopUpMethod;
}

@InputType({ description: 'Money taken from a wallet for a sale or a fee.' })
export class ChargeAccountInput {
  @Field(() => ID, { description: 'The wallet (`Customer.account.id`).' }) accountId!: string;
  @Field(() => Minor, { description: 'Positive, in minor units (fen).' }) amountMinor!: number;
  @Field(() => String, { description: 'Your unique id for this request (1–200 characters): repeating it repeats nothing.' }) idempotencyKey!: string;
  @Field(() => String, { description: 'What it is for (1–200 characters), shown on the statement.' }) reason!: string;
}

const posting = {
  accountId: z.uuid(),
  amountMinor: z.number().int().positive().max(MAX_POSTING_MINOR),
  idempotencyKey: z.string().min(1).max(200),
};
export const topUpSchema = z.object({ ...posting, method: z.enum(TopUpMethod) });
export const chargeSchema = z.object({ ...posting, reason: z.string().trim().min(1).max(200) });

@InputType({ description: 'A deposit paid or returned (cylinder deposit, 租瓶押金): held for the customer, apart from the wallet.' })
export class DepositInput {
  @Field(() => ID, { description: 'Whose deposit.' }) customerId!: string;
  @Field(() => Minor, { description: 'Positive, in minor units (fen).' }) amountMinor!: number;
  @Field(() => String, { description: 'Your unique id for this request (1–200 characters): repeating it repeats nothing.' }) idempotencyKey!: string;
  @Field(() => TopUpMethod, { description: 'How the money came in, or goes back.' }) method!: TopUpMethod;
  @Field(() => String, { nullable: true, description: 'What it is for: `2 × YSP15`, a receipt number (up to 200 characters).' }) note?: string | null;
}

@InputType({ description: 'A posting to undo (a refund of a mistaken charge, a top-up paid back).' })
export class ReversePostingInput {
  @Field(() => ID, { description: 'The `journalId` of the entry to undo.' }) journalId!: string;
  @Field(() => String, { description: 'Your unique id for this request (1–200 characters).' }) idempotencyKey!: string;
  @Field(() => String, { description: 'Why (1–200 characters), shown on the statement.' }) reason!: string;
}

export const depositSchema = z.object({
  customerId: z.uuid(),
  amountMinor: posting.amountMinor,
  idempotencyKey: posting.idempotencyKey,
  method: z.enum(TopUpMethod),
  note: z.string().trim().min(1).max(200).nullish(),
});
export const reverseSchema = z.object({ journalId: z.uuid(), idempotencyKey: posting.idempotencyKey, reason: z.string().trim().min(1).max(200) });
