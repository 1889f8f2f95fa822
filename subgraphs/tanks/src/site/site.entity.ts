import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Entity({ schema: 'tanks', name: 'site' })
@ObjectType({ description: 'A place with tanks: a depot, a filling station or a customer premises.' })
@Directive('@key(fields: "id")')
export class Site {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: 'Short code, unique per tenant (e.g. `DEPOT-N`).' })
  code!: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: 'Display name.' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Postal address.' })
  address!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => Date, { description: 'When the site was registered.' })
  createdAt!: Date;
}
