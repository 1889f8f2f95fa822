import { MeterKind, Minor, RelayState } from '@hearth/platform/graphql';
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DeviceTwinFields } from '../../../schema/device-twin-fields.type';
import type { MeterKind as Kind, RelayState as Relay } from '../meter-messages';
import type { MeterTwinState } from '../model/meter-twin';
import type { MeterAction } from '../model/relay';

export enum MeterCommandAction {
  TRIP = 'TRIP',
  ALLOW_CLOSE = 'ALLOW_CLOSE',
  CLOSE = 'CLOSE',
  ALARM = 'ALARM',
  ALARM_RELEASE = 'ALARM_RELEASE',
  READ_RELAY = 'READ_RELAY',
}
registerEnumType(MeterCommandAction, {
  name: 'MeterCommandAction',
  description: 'A command to a prepaid meter (DL/T 645 control 0x1C for the relay).',
  valuesConfig: {
    TRIP: { description: 'Open the relay: supply cut (1A).' },
    ALLOW_CLOSE: { description: 'Let the customer close the relay with the meter’s button (1B).' },
    CLOSE: { description: 'Close the relay: supply back at once (1C).' },
    ALARM: { description: 'Sound the meter’s balance alarm (2A).' },
    ALARM_RELEASE: { description: 'Stop the meter’s balance alarm, the balance being back above alarm 2 (2B).' },
    READ_RELAY: { description: 'Report the relay’s state: sent after a relay command went unanswered, instead of repeating it blind.' },
  },
});

@ObjectType({ description: 'A prepaid meter (owned by the metering subgraph); the twins subgraph adds its live twin.' })
@Directive('@key(fields: "id")')
export class Meter {
  @Field(() => ID, { description: 'The meter’s id: the `{deviceId}` of its MQTT topics.' }) id!: string;
}

@ObjectType({ description: 'A meter’s relay: where the metering service wants it, what the meter says, and the command on its way.' })
export class MeterRelay {
  @Field(() => RelayState, {
    description: 'Where the metering service’s decisions put it: OPEN after a TRIP, CLOSED after ALLOW_CLOSE or CLOSE (and before any).',
  })
  intended!: Relay;
  @Field(() => RelayState, { nullable: true, description: 'What the meter last reported; null before it did.' }) reported!: Relay | null;
  @Field(() => Date, { nullable: true, description: 'When the meter last reported its relay.' }) reportedAt!: Date | null;
  @Field(() => MeterCommandAction, {
    nullable: true,
    description: 'The relay command (or read-back) on its way and not yet answered by the relay; null when none.',
  })
  pendingAction!: MeterAction | null;
  @Field(() => Date, { nullable: true, description: 'When that command was sent; null when none is on its way.' }) pendingSince!: Date | null;
  @Field(() => Boolean, { description: 'The relay could not be confirmed where it was sent (METER_RELAY_UNCONFIRMED is open).' }) unconfirmed!: boolean;
  @Field(() => Boolean, { description: 'Reported CLOSED while its confirmed trip holds it OPEN: bypassed or tampered with (METER_RELAY_TAMPER).' })
  tamper!: boolean;
  /** The newest relay command, for `lastCommandStatus`. */
  lastCommandId!: string | null;
  tenantId!: string;
}

@ObjectType({ description: 'The live twin of a prepaid meter: its register, its relay, its balance.' })
export class MeterTwin extends DeviceTwinFields {
  @Field(() => ID, { description: 'The meter’s id (its device id).' }) meterId!: string;
  @Field(() => Meter, { description: 'The meter (the metering subgraph’s: its customer, tariff, supply protection).' }) meter!: Meter;
  @Field(() => MeterKind, { nullable: true, description: 'What it measures; null while neither the metering service nor a reading said.' })
  kind!: Kind | null;
  @Field(() => Float, {
    nullable: true,
    description: 'An electricity meter’s register as last reported, kWh (3 decimals); null for a gas meter or before a reading.',
  })
  registerKwh!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'A gas meter’s register as last reported, m³ (3 decimals); null for an electricity meter or before a reading.',
  })
  registerM3!: number | null;
  @Field(() => Date, { nullable: true, description: 'When the meter read that register (its clock, never later than receipt).' }) observedAt!: Date | null;
  @Field(() => MeterRelay, { description: 'Its relay: intended, reported, the command on its way.' }) relay!: MeterRelay;
  @Field(() => Minor, {
    nullable: true,
    description: 'The balance of the customer’s wallet the meter is bound to, fen, as the metering service last announced it; null when not bound.',
  })
  balanceMinor!: number | null;
  @Field(() => Minor, {
    nullable: true,
    description: 'What a local-prepay meter last said is left on it, fen (below zero on emergency credit); null when it never said.',
  })
  remainingMoneyMinor!: number | null;
  tenantId!: string;
}

/** The twin as GraphQL shows it; its balance and kind come from what the kind knows beside it. */
export function toMeterTwin(s: MeterTwinState, kind: Kind | null, balanceMinor: number | null): MeterTwin {
  const shownKind = kind ?? s.registerKind;
  const register = s.registerMilli === null ? null : s.registerMilli / 1000;
  const pending = s.relay.pending;
  return {
    meterId: s.meterId,
    meter: { id: s.meterId },
    kind: shownKind,
    registerKwh: s.registerKind === 'ELECTRICITY' ? register : null,
    registerM3: s.registerKind === 'GAS' ? register : null,
    observedAt: s.observedAt,
    relay: {
      intended: s.relay.intended,
      reported: s.relay.reported,
      reportedAt: s.relay.reportedAt,
      pendingAction: pending?.action ?? null,
      pendingSince: pending?.since ?? null,
      unconfirmed: s.relay.unconfirmed,
      tamper: s.relay.tamper,
      lastCommandId: s.relay.lastCommandId,
      tenantId: s.tenantId,
    },
    balanceMinor,
    remainingMoneyMinor: s.remainingMoneyMinor,
    online: s.online,
    stale: s.stale,
    lastSeenAt: s.lastSeenAt,
    reportedAt: s.reportedAt,
    gatewayId: s.gatewayId,
    version: s.version,
    tenantId: s.tenantId,
  };
}
