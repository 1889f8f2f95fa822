import { Field, ID, InputType } from 'type-graphql';
import { MAX_POSTING_MINOR, TopUpMethod } from '@hearth/platform/ledger';
import { z } from 'zod';
import { Minor } from '../scalars';

/** Where top-up money comes from; each has its own clearing account, reconciled with its channel (one enum for every domain). */
export { TopUpMethod };

@InputType({ description: 'Money paid into a wallet.' })
export class TopUpAccountInput {
  @Field(() => ID, { description: 'The wallet (`Customer.account.id`).' }) accountId!: string;
  @Field(() => Minor, { description: 'Positive, in minor units (fen).' }) amountMinor!: number;
  @Field(() => String, { description: 'Your unique id for this request (1–200 characters): repeating it repeats nothing.' }) idempotencyKey!: string;
  @Field(() => TopUpMethod, { description: 'Where the money comes from; each has its clearing account.' }) method!: TopUpMethod;
  @Field(() => ID, { nullable: true, description: 'CASH: the store (a `Site`) whose drawer took it; omitted: the head office’s cashier. Only for cash.' })
  storeId?: string | null;
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
export const topUpSchema = z.object({ ...posting, method: z.enum(TopUpMethod), storeId: z.uuid().nullish() });
export const chargeSchema = z.object({ ...posting, reason: z.string().trim().min(1).max(200) });

@InputType({ description: 'A deposit paid or returned (cylinder deposit, 租瓶押金): held for the customer, apart from the wallet.' })
export class DepositInput {
  @Field(() => ID, { description: 'Whose deposit.' }) customerId!: string;
  @Field(() => Minor, { description: 'Positive, in minor units (fen).' }) amountMinor!: number;
  @Field(() => String, { description: 'Your unique id for this request (1–200 characters): repeating it repeats nothing.' }) idempotencyKey!: string;
  @Field(() => TopUpMethod, { description: 'How the money came in, or goes back.' }) method!: TopUpMethod;
  @Field(() => ID, {
    nullable: true,
    description: 'CASH: the store (a `Site`) whose drawer takes or pays it; omitted: the head office’s cashier. Only for cash.',
  })
  storeId?: string | null;
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
  storeId: z.uuid().nullish(),
});
export const reverseSchema = z.object({ journalId: z.uuid(), idempotencyKey: posting.idempotencyKey, reason: z.string().trim().min(1).max(200) });

@InputType({ description: 'A count of a store’s cash drawer at the end of a shift or day (交班/日结).' })
export class CloseStoreCashInput {
  @Field(() => ID, { description: 'The store (a `Site`).' }) storeId!: string;
  @Field(() => Minor, { description: 'The cash counted in the drawer, in minor units (fen), 0 or more.' }) countedMinor!: number;
  @Field(() => String, { nullable: true, description: 'Anything to explain a difference (up to 300 characters).' }) note?: string | null;
}

export const closeStoreCashSchema = z.object({
  storeId: z.uuid(),
  countedMinor: z.number().int().min(0).max(MAX_POSTING_MINOR),
  note: z.string().trim().min(1).max(300).nullish(),
});
