import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CustomerStatus, CustomerType, IdKind, PaymentMethod } from './customer.enums';

/**
 * A customer of the gas company with the fields of its customer archive (seed 000). ID and phone
 * numbers are kept encrypted; GraphQL reads them through `customer.resolver.ts` (masked unless asked
 * for whole with the `customers:pii` scope), never from these columns.
 */
@Entity({ schema: 'customers', name: 'customer' })
@ObjectType({ description: 'A residential, commercial or industrial customer; other domains extend it with what it holds.' })
@Directive('@key(fields: "id")')
export class Customer {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'card_number', type: 'text' })
  @Field(() => String, { description: 'Customer card number (卡号), unique in your company.' })
  cardNumber!: string;

  @Column({ type: 'text' })
  @Field(() => CustomerType, { description: 'Residential, commercial or industrial.' })
  type!: CustomerType;

  @Column({ type: 'text' })
  @Field(() => CustomerStatus, { description: 'In service, suspended or terminated.' })
  status!: CustomerStatus;

  @Column({ type: 'text' })
  @Field(() => String, { description: 'Person or company name.' })
  name!: string;

  @Column({ name: 'id_kind', type: 'text', nullable: true })
  @Field(() => IdKind, { nullable: true, description: 'What the ID number is; null when none is recorded.' })
  idKind!: IdKind | null;

  @Column({ name: 'id_number_enc', type: 'text', nullable: true })
  idNumberEnc!: string | null;

  @Column({ name: 'id_number_masked', type: 'text', nullable: true })
  idNumberMasked!: string | null;

  @Column({ name: 'id_number_index', type: 'text', nullable: true })
  idNumberIndex!: string | null;

  @Column({ name: 'unique_number', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The company’s unique archive number (唯一编号), unique in your company.' })
  uniqueNumber!: string | null;

  @Column({ name: 'archive_address', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Address on the archive (档案地址).' })
  archiveAddress!: string | null;

  @Column({ name: 'supply_address', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Where gas is delivered (供气地址).' })
  supplyAddress!: string | null;

  @Column({ name: 'phones_enc', type: 'text', array: true })
  phonesEnc!: string[];

  @Column({ name: 'phones_masked', type: 'text', array: true })
  phonesMasked!: string[];

  @Column({ name: 'phone_tokens', type: 'text', array: true })
  phoneTokens!: string[];

  @Column({ name: 'supply_station_id', type: 'uuid', nullable: true })
  supplyStationId!: string | null;

  @Column({ name: 'last_supply_station_id', type: 'uuid', nullable: true })
  lastSupplyStationId!: string | null;

  @Column({ name: 'payment_method', type: 'text' })
  @Field(() => PaymentMethod, { description: 'How the customer pays for gas.' })
  paymentMethod!: PaymentMethod;

  @Column({ name: 'credit_level', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Credit level the company assigned (e.g. `A`, `B`, `C`).' })
  creditLevel!: string | null;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn!: string;

  @Column({ name: 'last_exchange_on', type: 'date', nullable: true })
  lastExchangeOn!: string | null;

  @Column({ name: 'terminated_on', type: 'date', nullable: true })
  terminatedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Insurer of the customer’s gas liability policy.' })
  insurer!: string | null;

  @Column({ name: 'insurance_policy', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Policy number.' })
  insurancePolicy!: string | null;

  @Column({ name: 'insurance_valid_until', type: 'date', nullable: true })
  insuranceValidUntil!: string | null;

  @Column({ name: 'blacklist_reason', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the customer is refused service; null when not blacklisted.' })
  blacklistReason!: string | null;

  @Column({ name: 'blacklisted_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the customer was blacklisted.' })
  blacklistedAt!: Date | null;

  @Column({ name: 'premises_site_id', type: 'uuid', nullable: true })
  premisesSiteId!: string | null;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'deposit_account_id', type: 'uuid', nullable: true })
  depositAccountId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => Date, { description: 'When the record was created.' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => Date, { description: 'When the record last changed.' })
  updatedAt!: Date;
}
