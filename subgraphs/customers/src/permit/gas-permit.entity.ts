import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';

/** A gas-use permit (用气证): the company's licence for the customer to use gas at the supply address. */
@Entity({ schema: 'customers', name: 'gas_permit' })
@ObjectType({ description: 'A gas-use permit (用气证) issued to a customer.' })
export class GasPermit {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: 'Permit number, unique in your company.' })
  number!: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it stands.' })
  revokedAt!: Date | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was revoked.' })
  revokeReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => Date, { description: 'When it was recorded.' })
  createdAt!: Date;
}
