import { z } from 'zod';
import { relayOperation } from './dlt645-data';

const id = z.string().min(1).max(128);

/**
 * The meter commands of the contract (hearth/v1/{gatewayId}/meter/{meterId}/command): the relay
 * operations of DL/T 645's 1CH, and READ_RELAY (the meter reports its relay: status word 3). The
 * twins' core fields (`desired`, `issuedAt`) are not needed here; `expiresAt` is honoured.
 */
export const meterCommandSchema = z.object({
  id,
  action: z.enum(['TRIP', 'ALLOW_CLOSE', 'CLOSE', 'ALARM', 'ALARM_RELEASE', 'READ_RELAY']),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type MeterCommand = z.infer<typeof meterCommandSchema>;
export type MeterAction = MeterCommand['action'];

/** 1CH's N1 for each relay action: 1AH trip (跳闸), 1BH allow close (合闸允许), 1CH close (直接合闸), 2AH alarm (报警), 2BH alarm release (报警解除). */
export const operationOf: Record<Exclude<MeterAction, 'READ_RELAY'>, number> = {
  TRIP: relayOperation.trip,
  ALLOW_CLOSE: relayOperation.allowClose,
  CLOSE: relayOperation.close,
  ALARM: relayOperation.alarm,
  ALARM_RELEASE: relayOperation.alarmRelease,
};

/** A date as a clock in `timeZone` shows it: the meter's own time (meters keep local time). */
export function clockIn(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}
