import type { AlarmSeverity } from '../../../model/alarm';

/**
 * A prepaid meter's alarms. The supply ones follow the metering service's decisions
 * (`metering.supply_event`), the relay ones what the meter does with the commands that carry them
 * out. All are kept in the alarm centre (the twin carries the relay's conditions, `Relay`).
 */
export const meterAlarmRules = {
  // DOMAIN (Metering): the first warning of a falling balance, for the customer to top up. An event
  // raised already returned to normal: partners tell the customer (`alarmChanged`), nothing stays open.
  METER_BALANCE_LOW: { severity: 'WARNING', message: 'The meter’s balance fell to its first alarm level: the customer should top up' },
  // The second warning: the meter sounds its own alarm (DL/T 645 2A); supply is cut at the floor.
  METER_BALANCE_ALARM2: { severity: 'MINOR', message: 'The meter’s balance fell to its second alarm level: its supply is cut at the floor' },
  // Supply cut for money: a customer without power or gas until a top-up.
  METER_SUPPLY_CUT: { severity: 'MAJOR', message: 'The meter’s supply was cut: its balance reached the floor' },
  // A relay command nobody could confirm (no answer, and the read-back or the one retry failed too):
  // the meter may still supply without credit, or stay cut after a top-up. Needs a person.
  METER_RELAY_UNCONFIRMED: { severity: 'MAJOR', message: 'The meter’s relay could not be confirmed where it was sent' },
  // DESIGN §4: a device acting against what it was told is CRITICAL. A relay closed while it was
  // confirmed open is a bypass or a tampered meter: energy taken without paying.
  METER_RELAY_TAMPER: { severity: 'CRITICAL', message: 'The meter reports its relay CLOSED while its supply is cut: bypassed or tampered with' },
} as const satisfies Record<string, { severity: AlarmSeverity; message: string }>;
export type MeterAlarmCode = keyof typeof meterAlarmRules;

/** Conditions cleared when supply comes back (ALLOW_CLOSE, CLOSE). */
export const BALANCE_ALARMS: readonly MeterAlarmCode[] = ['METER_BALANCE_ALARM2', 'METER_SUPPLY_CUT'];
/** Conditions the relay's state holds open (`Relay.unconfirmed`, `Relay.tamper`). */
export const RELAY_ALARMS: readonly MeterAlarmCode[] = ['METER_RELAY_UNCONFIRMED', 'METER_RELAY_TAMPER'];
