import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { TransferState, TransferType } from './transfer.enums';

/** A transfer order (调拨单); its lines, scans and discrepancies are read by `transfer-fields.resolver.ts`. */
@Entity({ schema: 'cylinders', name: 'transfer_order' })
@ObjectType({
  description: 'A transfer order (调拨单): cylinders carried by truck from one of your sites to another, scanned on loading and signed for on arrival.',
})
@Directive('@key(fields: "id")')
export class TransferOrder {
  @PrimaryGeneratedColumn('uuid') @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) @Field(() => String, { description: 'Order number, `TR-<year>-<sequence>`, unique in your company.' }) number!: string;
  @Column({ type: 'text' }) @Field(() => TransferType, { description: 'What it carries (full or empty cylinders) and which way.' }) type!: TransferType;
  @Column({ type: 'text' }) @Field(() => TransferState, { description: 'Where the order is in its life.' }) state!: TransferState;

  @Column({ name: 'from_site_id', type: 'uuid' })
  @Field(() => ID, { description: 'The site (a `Site`: depot, filling station or store) the cylinders leave from.' })
  fromSiteId!: string;

  @Column({ name: 'to_site_id', type: 'uuid' }) @Field(() => ID, { description: 'The site the cylinders go to and are signed for at.' }) toSiteId!: string;
  @Column({ type: 'text', nullable: true }) @Field(() => String, { nullable: true, description: 'Who drives the truck.' }) driver!: string | null;

  @Column({ name: 'vehicle_plate', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The truck’s number plate.' })
  vehiclePlate!: string | null;

  @Column({ type: 'text', nullable: true }) @Field(() => String, { nullable: true, description: 'Notes for the crew.' }) note!: string | null;

  @Column({ name: 'received_count', type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Loaded cylinders signed for at the to-site; null before sign-off.' })
  receivedCount!: number | null;

  @Column({ name: 'missing_count', type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Loaded cylinders that did not arrive (each a discrepancy, reported LOST); null before sign-off.' })
  missingCount!: number | null;

  @Column({ name: 'sign_off_note', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the receiver noted at sign-off.' })
  signOffNote!: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was cancelled; null otherwise.' })
  cancelReason!: string | null;

  @Column({ name: 'created_by', type: 'text' }) @Field(() => String, { description: 'Who made it: `user:<id>` or `apiKey:<id>`.' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) @Field(() => Date, { description: 'When it was made.' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) @Field(() => Date, { description: 'When it last changed.' }) updatedAt!: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the truck left; null before.' })
  dispatchedAt!: Date | null;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was signed off at the to-site; null before.' })
  receivedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was closed or cancelled; null while open.' })
  closedAt!: Date | null;
}
