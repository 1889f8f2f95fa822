import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { ServiceOrderEventKind, ServiceOrderStatus } from './service-order.enums';

/** One entry of an order's history (append-only: the table refuses UPDATE and DELETE). */
@Entity({ schema: 'customers', name: 'service_order_event' })
@ObjectType({ description: 'One entry of a service order’s history: who did what, when, from which status to which.' })
export class ServiceOrderEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ type: 'timestamptz' }) @Field(() => Date, { description: 'When.' }) at!: Date;
  @Column({ type: 'text' }) @Field(() => String, { description: '`user:<id>`, `apiKey:<id>`, or `system` (alarms, escalations).' }) actor!: string;
  @Column({ type: 'text' }) @Field(() => ServiceOrderEventKind, { description: 'What happened.' }) kind!: ServiceOrderEventKind;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  @Field(() => ServiceOrderStatus, { nullable: true, description: 'Status before; null when the order was taken.' })
  fromStatus!: ServiceOrderStatus | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  @Field(() => ServiceOrderStatus, { nullable: true, description: 'Status after.' })
  toStatus!: ServiceOrderStatus | null;

  @Column({ type: 'text', nullable: true }) @Field(() => String, { nullable: true, description: 'Why, or what: a reason, a note, the escalation.' }) note!:
    string | null;
}
