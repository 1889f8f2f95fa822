import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Minor } from '../scalars';

export enum ContractPayment {
  PREPAID = 'PREPAID',
  CREDIT = 'CREDIT',
}
export enum ContractBilling {
  BY_CYLINDER = 'BY_CYLINDER',
  BY_FLOW = 'BY_FLOW',
}
registerEnumType(ContractPayment, {
  name: 'ContractPayment',
  description: 'Prepaid, or on credit up to the contract’s limit.',
  valuesConfig: {
    PREPAID: { description: 'Paid before supply, from the wallet.' },
    CREDIT: { description: 'Supplied on credit, the wallet going below zero to the limit.' },
  },
});
registerEnumType(ContractBilling, {
  name: 'ContractBilling',
  description: 'Billed per cylinder delivered, or per metered flow.',
  valuesConfig: { BY_CYLINDER: { description: 'Per cylinder delivered (by spec).' }, BY_FLOW: { description: 'Per metered volume.' } },
});

/** A commercial or industrial supply contract (工商户合同). */
@Entity({ schema: 'customers', name: 'contract' })
@ObjectType({ description: 'A commercial or industrial customer’s supply contract.' })
export class Contract {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: 'Contract number, unique in your company.' })
  number!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @Column({ type: 'text' })
  @Field(() => ContractPayment, { description: 'Prepaid or credit.' })
  payment!: ContractPayment;

  @Column({ name: 'credit_limit_minor', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  @Field(() => Minor, { description: 'How far the wallet may go below zero under this contract, in minor units (0 when prepaid).' })
  creditLimitMinor!: number;

  @Column({ type: 'text' })
  @Field(() => ContractBilling, { description: 'By cylinder or by flow.' })
  billing!: ContractBilling;

  @Column({ name: 'terminated_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it ended; null while it stands.' })
  terminatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => Date, { description: 'When it was recorded.' })
  createdAt!: Date;
}
