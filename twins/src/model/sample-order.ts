import type { DeviceMessage } from '@hearth/broker';
import type { DeviceTwin } from './device-twin';

type DeviceSample = DeviceMessage['samples'][number];

/** What a twin of any kind remembers of the samples it applied, to know a redelivery. */
export interface SampleCursor {
  lastSeq: number | null;
  /** The device's boot number with `lastSeq` (its `seq` restarts at every boot). */
  lastBoot: number | null;
  /** Time of the newest sample applied. */
  reportedAt: Date | null;
}

/**
 * A redelivered sample: `seq` at or below the last stored one of the same boot. A sample from a
 * later `boot` starts the device's new session (its `seq` restarted); one from an earlier boot is a
 * redelivery from before the restart. A device that sends no `boot` but has a clock: a low `seq` with
 * a time newer than anything stored is new data too (its counter restarted).
 */
export function isDuplicate(twin: SampleCursor, sample: DeviceSample): boolean {
  if (sample.seq === undefined || twin.lastSeq === null) return false;
  if (sample.boot !== undefined && sample.boot !== twin.lastBoot) return twin.lastBoot !== null && sample.boot < twin.lastBoot;
  if (sample.seq > twin.lastSeq) return false;
  const restarted = sample.tsGiven && twin.reportedAt !== null && sample.ts > twin.reportedAt;
  return !restarted;
}

/**
 * The time a sample counts at for "latest" (docs/adr/0008-device-time.md): its `ts`, but never
 * later than its receipt, so a clock running ahead cannot make the readings after it look old.
 */
export const effectiveTime = (ts: Date, receivedAt: Date): Date => (ts < receivedAt ? ts : receivedAt);

/**
 * What every applied sample does to a twin, whatever its kind: heard from now (through this
 * gateway, reachable, not stale), the sample's `seq` and `boot` remembered, the version bumped.
 */
export function heardFrom<T extends DeviceTwin & SampleCursor>(
  twin: T,
  sample: { seq?: number; boot?: number },
  origin: { gatewayId: string; receivedAt: Date },
): T {
  return {
    ...twin,
    gatewayId: origin.gatewayId,
    online: true,
    stale: false,
    lastSeenAt: twin.lastSeenAt && twin.lastSeenAt > origin.receivedAt ? twin.lastSeenAt : origin.receivedAt,
    lastSeq: sample.seq ?? twin.lastSeq,
    lastBoot: sample.boot ?? twin.lastBoot,
    version: twin.version + 1,
  };
}

/** A twin's common state before its device's first message (each kind adds its own). */
export const unheard = (tenantId: string): DeviceTwin & SampleCursor => ({
  tenantId,
  gatewayId: null,
  online: false,
  stale: false,
  lastSeenAt: null,
  version: 0,
  alarms: [],
  lastSeq: null,
  lastBoot: null,
  reportedAt: null,
});
