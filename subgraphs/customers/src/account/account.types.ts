import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '@hearth/platform/graphql';
import { Minor } from '../scalars';

export enum AccountKind {
  WALLET = 'WALLET',
  DEPOSITS = 'DEPOSITS',
}
registerEnumType(AccountKind, {
  name: 'AccountKind',
  description: 'A wallet, or deposits held for the customer.',
  valuesConfig: {
    WALLET: { description: 'Spent on gas and fees; topped up by the customer.' },
    DEPOSITS: { description: 'Held for the customer, paid back when what they secure (a cylinder) returns.' },
  },
});

@ObjectType({
  description:
    'A customer’s account in the ledger: its wallet (one balance, in integer minor units, for every energy the customer buys) or the deposits held for it.',
})
export class Account {
  @Field(() => ID, { description: 'Stable id of the ledger account.' }) id!: string;
  @Field(() => AccountKind, { description: 'Wallet or deposits.' }) kind!: AccountKind;
  @Field(() => String, { description: 'ISO 4217 currency code, e.g. `CNY`.' }) currency!: string;
  @Field(() => Minor, { description: 'Balance in minor units (fen); below zero only down to the credit limit.' }) balanceMinor!: number;
  @Field(() => Minor, { description: 'How far below zero the balance may go, in minor units (0: prepaid only).' }) creditLimitMinor!: number;
}

@ObjectType({ description: 'One posting on an account, never changed: a mistake is reversed by another entry.' })
export class AccountEntry {
  @Field(() => ID, { description: 'Stable id of the entry.' }) id!: string;
  @Field(() => ID, { description: 'The posting (journal) it belongs to; its other side is a clearing, revenue or deposit account.' }) journalId!: string;
  @Field(() => String, { description: '`TOP_UP`, `CHARGE`, `DEPOSIT`, `REFUND`, `REVERSAL`, …' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'What it was for, as the statement shows it.' }) description!: string | null;
  @Field(() => Minor, { description: 'Signed amount in minor units: positive raises the balance.' }) amountMinor!: number;
  @Field(() => Minor, { description: 'The account’s balance right after this entry.' }) balanceAfterMinor!: number;
  @Field(() => String, { description: 'The idempotency key the posting was made with.' }) idempotencyKey!: string;
  @Field(() => Date, { description: 'When it was posted.' }) createdAt!: Date;
  @Field(() => Boolean, { description: 'true: this answers a repeated request; the entry was posted by the first one and nothing new was posted.' })
  replayed!: boolean;
}

@ObjectType({ description: 'An account’s movements over a period.' })
export class AccountStatement {
  @Field(() => Minor, { description: 'Balance at the start of the period.' }) openingMinor!: number;
  @Field(() => Minor, { description: 'Balance at the end of the period.' }) closingMinor!: number;
  @Field(() => Minor, { description: 'Sum of the period’s credits (top-ups, refunds).' }) creditsMinor!: number;
  @Field(() => Minor, { description: 'Sum of the period’s debits, as a positive number.' }) debitsMinor!: number;
  @Field(() => Int, { description: 'Entries in the period.' }) entries!: number;
}

export const AccountEntryConnection = ConnectionType(AccountEntry, 'AccountEntry');

@ObjectType({ description: 'A close of a store’s cash drawer: what the ledger expected since the previous close beside what was counted.' })
export class StoreCashClose {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => ID, { description: 'The store (a `Site`).' }) storeId!: string;
  @Field(() => Date, { nullable: true, description: 'The previous close (the period starts after it); null for the store’s first.' }) fromAt!: Date | null;
  @Field(() => Date, { description: 'When it was closed (the period ends here).' }) closedAt!: Date;
  @Field(() => Minor, { description: 'Cash the ledger says the drawer took in the period, in minor units.' }) expectedMinor!: number;
  @Field(() => Minor, { description: 'Cash counted, in minor units.' }) countedMinor!: number;
  @Field(() => Minor, { description: 'Counted minus expected: negative is a shortage, positive an overage.' }) differenceMinor!: number;
  @Field(() => String, { description: 'Who closed it: `user:<id>`, `apiKey:<id>`.' }) closedBy!: string;
  @Field(() => String, { nullable: true, description: 'The closer’s note.' }) note!: string | null;
}

export const StoreCashCloseConnection = ConnectionType(StoreCashClose, 'StoreCashClose');
