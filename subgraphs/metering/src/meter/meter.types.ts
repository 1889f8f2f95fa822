import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '@hearth/platform/graphql';
import { ImportProblem } from '@hearth/platform/import';
import { MeterAlarmLevel, MeterKind, RelayState } from './meter.enums';

@ObjectType({
  description:
    'A prepaid meter (预付费表): an electricity meter in a mall unit or a gas meter at a home, bound to a customer’s wallet and a tariff. Readings charge the wallet; the balance decides alarms and the relay.',
})
@Directive('@key(fields: "id")')
export class Meter {
  @Field(() => ID, { description: 'Stable id (the `meterId` of its MQTT topics).' }) id!: string;
  @Field(() => MeterKind, { description: 'Electricity or gas: the register’s units (kWh, m³) and the tariffs it may have.' }) kind!: MeterKind;
  @Field(() => String, { description: 'Its address: 12 digits for a DL/T 645 electricity meter (as on its nameplate), unique in your company.' })
  serial!: string;
  @Field(() => String, { description: 'What people call it: the shop or home it supplies (“Shop B1-023”).' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Why supply is protected (保电), as given when it was protected; null when never protected.' })
  protectedReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'Until when supply is protected; null: until lifted (or not protected).' }) protectedUntil!: Date | null;
  @Field(() => Boolean, {
    description: 'Whether supply is protected now (保电: a hospital, a ceremony): it is never cut off for money while this holds, whatever the balance.',
  })
  supplyProtected!: boolean;
  @Field(() => RelayState, { description: 'What the metering service decided for its relay; the twin shows what the meter reports.' })
  relayIntended!: RelayState;
  @Field(() => MeterAlarmLevel, { description: 'How low its balance is against the metering policy, as last judged.' }) alarmLevel!: MeterAlarmLevel;
  @Field(() => ID, { nullable: true, description: 'The ledger wallet it is charged to: its customer’s (`CUSTOMER_WALLET`); null while unbound.' })
  accountId!: string | null;
  @Field(() => Date, { description: 'When it was registered.' }) createdAt!: Date;

  siteId!: string | null;
  customerId!: string | null;
  tariffId!: string | null;
  replacedById!: string | null;
}

export const MeterConnection = ConnectionType(Meter, 'Meter');

@ObjectType({ description: 'The outcome of a meter import: all rows registered, or none and every problem by row.' })
export class MeterImport {
  @Field(() => Int, { description: 'Data rows in the file.' }) rows!: number;
  @Field(() => Int, { description: 'Meters registered: all rows, or 0 when any row has a problem.' }) imported!: number;
  @Field(() => Int, { description: 'Rows with a problem.' }) rejectedRows!: number;
  @Field(() => [ImportProblem], { description: 'Every problem by row and column (at most 1,000 listed).' }) problems!: ImportProblem[];
  @Field(() => ID, { description: 'This import’s id, as its audit entry names it (`import:<id>`).' }) importId!: string;
}
