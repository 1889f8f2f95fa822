import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One calibration point: the volume held at a level.' })
export class StrappingPoint {
  @Field(() => Float, { description: 'Liquid level in millimetres.' })
  levelMm!: number;

  @Field(() => Float, { description: 'Volume in litres at that level.' })
  volumeLiters!: number;
}

@Entity({ schema: 'tanks', name: 'strapping_table' })
@ObjectType({ description: 'A version of a tank calibration (strapping) table; volumes between points are interpolated linearly.' })
export class StrappingTable {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'tank_id', type: 'uuid' })
  tankId!: string;

  @Column({ type: 'integer' })
  @Field(() => Int, { description: 'Version, from 1; the highest is in force.' })
  version!: number;

  @Column({ type: 'jsonb' })
  @Field(() => [StrappingPoint], { description: 'Calibration points sorted by level.' })
  points!: StrappingPoint[];

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Certificate number or remark.' })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => Date, { description: 'When this version was recorded.' })
  createdAt!: Date;
}
