import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ServiceOrderStatus, ServiceOrderType, SlaState } from './service-order.enums';
import type { Escalation } from './sla/sla-clock';

const count = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/**
 * A service order of any type (one table, `type`). The phone is kept encrypted; GraphQL reads it
 * through `service-order-fields.resolver.ts`. The SLA clock's columns are the model's `SlaClock`.
 */
@Entity({ schema: 'customers', name: 'service_order' })
@ObjectType({ description: 'A request to the customer service centre (客服中心): a delivery, a repair, a gas-smell report, a complaint…' })
@Directive('@key(fields: "id")')
export class ServiceOrder {
  @PrimaryGeneratedColumn('uuid') @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) @Field(() => String, { description: 'Order number, `SO-<year>-<sequence>`, unique in your company.' }) number!: string;
  @Column({ type: 'text' }) @Field(() => ServiceOrderType, { description: 'What is asked for; it sets the deadline.' }) type!: ServiceOrderType;
  @Column({ type: 'text' }) @Field(() => ServiceOrderStatus, { description: 'Where the order is in its life.' }) status!: ServiceOrderStatus;
  @Column({ name: 'customer_id', type: 'uuid', nullable: true }) customerId!: string | null;
  @Column({ name: 'store_id', type: 'uuid', nullable: true }) storeId!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who does it: a name or a user id; null until assigned.' })
  assignee!: string | null;

  @Column({ type: 'text', nullable: true }) @Field(() => String, { nullable: true, description: 'Where: the delivery or fault address.' }) address!:
    string | null;
  @Column({ name: 'phone_enc', type: 'text', nullable: true }) phoneEnc!: string | null;
  @Column({ name: 'phone_masked', type: 'text', nullable: true }) phoneMasked!: string | null;
  @Column({ name: 'requested_date', type: 'date', nullable: true }) requestedDate!: string | null;

  @Column({ name: 'time_slot', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Requested time slot, `HH:MM-HH:MM` (e.g. `09:00-12:00`), in your company’s time zone.' })
  timeSlot!: string | null;

  @Column({ name: 'cylinder_spec', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Cylinder spec to deliver (e.g. `YSP35.5`).' })
  cylinderSpec!: string | null;

  @Column({ type: 'integer', nullable: true }) @Field(() => Int, { nullable: true, description: 'How many cylinders.' }) quantity!: number | null;
  @Column({ type: 'text', nullable: true }) @Field(() => String, { nullable: true, description: 'What the caller said; notes for the crew.' }) notes!:
    string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it failed or was cancelled; null otherwise.' })
  reason!: string | null;

  @Column({ name: 'hazard_controlled', type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'Confirmed on site that the gas hazard is controlled (required to complete a gas-smell order).' })
  hazardControlled!: boolean | null;

  @Column({ name: 'source_alarm_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The CRITICAL gas detector alarm that opened this order by itself; null when a person did.' })
  sourceAlarmId!: string | null;

  @Column({ name: 'detector_id', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The gas detector whose alarm opened it.' })
  detectorId!: string | null;

  @Column({ name: 'lel_percent', type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'The detector’s reading when it alarmed, % LEL.' })
  lelPercent!: number | null;

  @Column({ name: 'valve_open', type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'The shut-off valve’s last reported position when the order opened (true: open); null when unknown.' })
  valveOpen!: boolean | null;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  @Field(() => Date, { description: 'When it was reported (taken, or the alarm raised): its SLA clock starts here.' })
  reportedAt!: Date;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'warn_at', type: 'timestamptz', nullable: true }) warnAt!: Date | null;
  @Column({ name: 'paused_ms', type: 'bigint', transformer: count }) pausedMs!: number;

  @Column({ name: 'paused_since', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Since when its clock is paused (a reclassification waiting to be re-assigned); null when running.' })
  pausedSince!: Date | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => SlaState, { nullable: true, description: 'The last escalation flagged to supervisors (AT_RISK, then BREACHED); null before any.' })
  escalation!: Escalation | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the last escalation was flagged.' })
  escalatedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was delivered, completed, failed or cancelled; null while open.' })
  closedAt!: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  @Field(() => String, { description: 'Who took it: `user:<id>`, `apiKey:<id>` or `system` (an alarm).' })
  createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) @Field(() => Date, { description: 'When it was recorded.' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) @Field(() => Date, { description: 'When it last changed.' }) updatedAt!: Date;
}
