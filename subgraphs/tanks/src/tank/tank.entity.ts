import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { Site } from '../site/site.entity';
import { TankAlarmLevels } from './tank-alarm-levels';

@Entity({ schema: 'tanks', name: 'tank' })
@ObjectType({ description: 'A storage tank (LPG bullet or sphere, fuel tank) with its calibration and alarm levels.' })
@Directive('@key(fields: "id")')
export class Tank {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID, { description: 'Stable id; also the device id of its gauge on MQTT.' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @ManyToOne(() => Site)
  @JoinColumn({ name: 'site_id' })
  site?: Site;

  @Column({ type: 'text' })
  @Field(() => String, { description: 'Display name, unique within its site.' })
  name!: string;

  @Column({ type: 'text' })
  @Field(() => String, { description: 'Stored product, e.g. `LPG`, `PROPANE`, `DIESEL`.' })
  product!: string;

  @Column({ name: 'capacity_liters', type: 'double precision' })
  @Field(() => Float, { description: 'Nominal water capacity in litres.' })
  capacityLiters!: number;

  @Column({ name: 'max_fill_percent', type: 'double precision' })
  @Field(() => Float, { description: 'Highest allowed fill by volume at the reference temperature (LPG: 85 %).' })
  maxFillPercent!: number;

  @Column({ name: 'density_kg_per_l', type: 'double precision' })
  @Field(() => Float, { description: 'Product density at the reference temperature, kg/L.' })
  densityKgPerL!: number;

  @Column({ name: 'reference_temperature_c', type: 'double precision' })
  @Field(() => Float, { description: 'Reference temperature for volume correction, °C (15 or 20).' })
  referenceTemperatureC!: number;

  @Column({ name: 'expansion_per_k', type: 'double precision' })
  @Field(() => Float, { description: 'Volumetric expansion coefficient of the product per kelvin.' })
  thermalExpansionPerK!: number;

  @Column(() => TankAlarmLevels, { prefix: false })
  @Field(() => TankAlarmLevels, { description: 'HH/H/L/LL level alarm set points.' })
  alarmLevels!: TankAlarmLevels;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => Date, { description: 'When the tank was registered.' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  @Field(() => Date, { description: 'When its configuration last changed.' })
  updatedAt!: Date;
}
