import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, LocalDate, Minor } from '@hearth/platform/graphql';

export enum HandoverKind {
  DEPOSIT = 'DEPOSIT',
  LOAN = 'LOAN',
}
registerEnumType(HandoverKind, {
  name: 'HandoverKind',
  description: 'On what terms a customer holds a cylinder.',
  valuesConfig: {
    DEPOSIT: { description: 'A deposit was paid (租瓶押金), held on the ledger.' },
    LOAN: { description: 'Lent until a due date (临时借瓶); no money moved.' },
  },
});

@ObjectType({ description: 'A cylinder handed to a customer at a store, and whether it came back.' })
export class CylinderHandover {
  @Field(() => ID, { description: 'The hand-over’s id (events of the cylinder name it `handover:<id>`).' }) id!: string;
  @Field(() => ID, { description: 'The cylinder.' }) cylinderId!: string;
  @Field(() => String, { description: 'Its serial (钢印号).' }) serial!: string;
  @Field(() => String, { description: 'Its spec.' }) specCode!: string;
  @Field(() => ID, { description: 'The customer who took it.' }) customerId!: string;
  @Field(() => ID, { description: 'The store (a `Site`) it left from.' }) storeId!: string;
  @Field(() => HandoverKind, { description: 'Deposit or loan.' }) kind!: HandoverKind;
  @Field(() => Minor, { description: 'The deposit taken, minor units; 0 for a loan.' }) depositMinor!: number;
  @Field(() => String, { nullable: true, description: 'How the deposit was paid (a `TopUpMethod`); null for a loan.' }) depositMethod!: string | null;
  @Field(() => ID, { nullable: true, description: 'The ledger journal of the deposit; null for a loan.' }) depositJournalId!: string | null;
  @Field(() => LocalDate, { nullable: true, description: 'A loan’s due date.' }) loanDueOn!: string | null;
  @Field(() => String, { nullable: true, description: 'Who delivered it.' }) driver!: string | null;
  @Field(() => Float, { nullable: true, description: 'Its gross weight at the door (kg), if weighed.' }) grossKg!: number | null;
  @Field(() => Float, { nullable: true, description: 'What it should weigh after its last fill (net + the spec’s tare), if known.' })
  expectedGrossKg!: number | null;
  @Field(() => Float, { nullable: true, description: 'How much lighter than expected (kg); negative when heavier.' }) shortKg!: number | null;
  @Field(() => Boolean, { description: 'Lighter than its fill by more than the tolerance.' }) shortWeight!: boolean;
  @Field(() => Date, { description: 'When it was handed over.' }) handedAt!: Date;
  @Field(() => String, { description: 'Who recorded it.' }) actor!: string;
  @Field(() => String, { description: 'Your idempotency key.' }) idempotencyKey!: string;
  @Field(() => Date, { nullable: true, description: 'When it came back; null while the customer holds it.' }) returnedAt!: Date | null;
  @Field(() => Boolean, { description: 'True when this request had been made before under its key: nothing was done now.' }) replayed!: boolean;
}

export const CylinderHandoverConnection = ConnectionType(CylinderHandover, 'CylinderHandover');

@ObjectType({ description: 'A cylinder taken back: its residual gas (退残) and the money credited and paid back.' })
export class CylinderReturn {
  @Field(() => ID, { description: 'The take-back’s id.' }) id!: string;
  @Field(() => ID, { description: 'The cylinder, now RETURNED at the store.' }) cylinderId!: string;
  @Field(() => ID, { description: 'Who held it.' }) customerId!: string;
  @Field(() => ID, { nullable: true, description: 'The hand-over it closes; null if it reached the customer otherwise.' }) handoverId!: string | null;
  @Field(() => ID, { description: 'The store that took it in.' }) storeId!: string;
  @Field(() => Float, { description: 'Weighed gross (kg).' }) grossKg!: number;
  @Field(() => Float, { description: 'The spec’s nominal tare (kg).' }) tareKg!: number;
  @Field(() => Float, { description: 'Residual gas: gross − tare, never below 0 (kg).' }) residualKg!: number;
  @Field(() => Minor, { description: 'The residual price it was credited at, minor units per kg.' }) residualPricePerKgMinor!: number;
  @Field(() => Minor, { description: 'Credited to the customer’s wallet, minor units.' }) residualCreditMinor!: number;
  @Field(() => ID, { nullable: true, description: 'The ledger journal of the credit; null when nothing was credited.' }) residualJournalId!: string | null;
  @Field(() => Minor, { description: 'Deposit paid back, minor units (0: none).' }) refundMinor!: number;
  @Field(() => ID, { nullable: true, description: 'The ledger journal of the refund.' }) refundJournalId!: string | null;
  @Field(() => Date, { description: 'When it came back.' }) returnedAt!: Date;
  @Field(() => Boolean, { description: 'True when this request had been made before under its key: nothing was done now.' }) replayed!: boolean;
}

@ObjectType({ description: 'A tenant’s hand-over settings for a spec.' })
export class HandoverSettings {
  @Field(() => String, { description: 'The spec.' }) specCode!: string;
  @Field(() => Minor, { description: 'Residual gas credit, minor units per kg (0: none).' }) residualPricePerKgMinor!: number;
  @Field(() => Float, { description: 'Short-weight tolerance in force (kg): the setting, else the spec’s fill tolerance.' }) shortWeightToleranceKg!: number;
}

@ObjectType({ description: 'What one customer holds: cylinders, loans and deposits.' })
export class OutstandingDeposit {
  @Field(() => ID, { description: 'The customer.' }) customerId!: string;
  @Field(() => String, { description: 'Their card number.' }) cardNumber!: string;
  @Field(() => Int, { description: 'Cylinders they hold now.' }) cylindersHeld!: number;
  @Field(() => Int, { description: 'Open loans (临时借瓶).' }) openLoans!: number;
  @Field(() => Int, { description: 'Open loans past their due date.' }) overdueLoans!: number;
  @Field(() => Minor, { description: 'Deposits held for them, from their ledger account (minor units).' }) depositsHeldMinor!: number;
}

@ObjectType({ description: 'A cylinder in stock that nothing has happened to for a while.' })
export class IdleCylinder {
  @Field(() => ID, { description: 'The cylinder.' }) id!: string;
  @Field(() => String, { description: 'Its serial.' }) serial!: string;
  @Field(() => String, { description: 'Its state (EMPTY_STOCK, FULL_STOCK, RETURNED…).' }) state!: string;
  @Field(() => ID, { nullable: true, description: 'Where it is.' }) siteId!: string | null;
  @Field(() => Date, { description: 'Its last move.' }) since!: Date;
}

@ObjectType({ description: 'How cylinders turn over (周转): time at customers, cylinders per customer, idle stock.' })
export class CylinderRotation {
  @Field(() => Int, { description: 'Hand-overs counted (returned or still out).' }) handovers!: number;
  @Field(() => Float, { nullable: true, description: 'Average days at a customer (open ones counted until now).' }) avgDaysAtCustomer!: number | null;
  @Field(() => Float, { nullable: true, description: 'Longest days at a customer.' }) maxDaysAtCustomer!: number | null;
  @Field(() => Int, { description: 'Cylinders at customers now.' }) cylindersAtCustomers!: number;
  @Field(() => Int, { description: 'Customers holding at least one.' }) customersHolding!: number;
  @Field(() => Float, { nullable: true, description: 'Cylinders per holding customer.' }) cylindersPerCustomer!: number | null;
  @Field(() => Int, { description: 'The idle threshold used (days).' }) idleDays!: number;
  @Field(() => Int, { description: 'Cylinders in stock untouched for longer than `idleDays`.' }) idleCount!: number;
  @Field(() => [IdleCylinder], { description: 'The longest idle of them (up to 50).' }) idle!: IdleCylinder[];
}

@ObjectType({ description: 'Short-weight hand-overs of one store or one driver.' })
export class ShortWeightGroup {
  @Field(() => String, { nullable: true, description: 'The store id, or the driver (null: hand-overs with no driver).' }) key!: string | null;
  @Field(() => Int, { description: 'Weighed hand-overs.' }) weighed!: number;
  @Field(() => Int, { description: 'Of them, short.' }) short!: number;
  @Field(() => Float, { description: 'Total missing gas of the short ones (kg).' }) shortKg!: number;
}

@ObjectType({ description: 'Short weight (a cylinder lighter at hand-over than at filling) in a period, by store and by driver.' })
export class ShortWeightReport {
  @Field(() => [ShortWeightGroup], { description: 'By store (`key` is the store id).' }) byStore!: ShortWeightGroup[];
  @Field(() => [ShortWeightGroup], { description: 'By driver (`key` is the driver).' }) byDriver!: ShortWeightGroup[];
}
