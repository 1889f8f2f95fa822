import type { ValveTwinState } from '../../valve/model/valve-twin';
import type { DetectorLevels } from './detector-levels';
import type { DetectorTwinState } from './detector-twin';

/**
 * Whether a detector's state trips its valve's interlock (DESIGN §4, decided from committed state):
 * its second-level alarm is open and the valve is not already held closed by an interlock. Once
 * held, nothing more is sent: the valve's close command is retried by the command path, not here.
 */
export function tripsInterlock(detector: DetectorTwinState, valve: ValveTwinState | undefined): boolean {
  if (!detector.alarms.some((a) => a.code === 'GAS_LEL_HIGH_HIGH')) return false;
  return !(valve?.interlock && valve.desired.open?.value === false);
}

export type ReopenRefusal = { detectorId: string; lelPercent: number | null; reason: string };

/**
 * Whether an operator may open a valve its interlock holds closed: only once the detector that
 * tripped it reads below its first level again, and is online to say so (an on-site reset; a
 * detector that cannot be read proves nothing). Null when allowed.
 */
export function reopenRefusal(valve: ValveTwinState, detector: DetectorTwinState | undefined, levels: DetectorLevels): ReopenRefusal | null {
  const interlock = valve.interlock;
  if (!interlock) return null;
  const lelPercent = detector?.lelPercent ?? null;
  if (!detector?.online || lelPercent === null) {
    return { detectorId: interlock.detectorId, lelPercent, reason: `detector ${interlock.detectorId} cannot be read, so the gas level is unknown` };
  }
  if (lelPercent >= levels.firstLel) {
    return {
      detectorId: interlock.detectorId,
      lelPercent,
      reason: `detector ${interlock.detectorId} still reads ${lelPercent} % LEL (first level ${levels.firstLel} %)`,
    };
  }
  return null;
}
