import { isDispensing, type FuelPointState } from '@hearth/platform/domain';
import { withChanges, type AlarmChange } from '../../../model/alarm';
import { effectiveTime, heardFrom } from '../../../model/sample-order';
import type { PumpTelemetry } from '../pump-messages';
import { openAlarm, raised } from './pump-alarms';
import type { ActiveAuthorization, Origin, PumpTwinState } from './pump-twin';

/**
 * How long an AUTHORIZE the pump has not acted on yet allows dispensing. IFSF fuelling points drop
 * an authorisation nobody used after a configured time (AUTHORISED → IDLE); two minutes is beyond
 * any forecourt's setting, so a pump slow to report AUTHORISED is never taken for a bypass.
 */
export const UNUSED_AUTHORISATION_MS = 120_000;

/**
 * A reading taken this long before it arrived was buffered (a station that was offline keeps
 * selling on its own card list, DOMAIN): it moves the twin but is history, not live, and judges
 * no interlock.
 */
export const LIVE_WITHIN_MS = 60_000;

/** The states where an authorisation has been spent once the pump is back in them. */
const AT_REST: readonly FuelPointState[] = ['IDLE', 'CALLING', 'CLOSED', 'INOPERATIVE'];

type Applied = { state: PumpTwinState; changes: AlarmChange[] };

/**
 * A telemetry sample (pure): the IFSF state, the nozzle in use and the running sale. A late one
 * (older than the newest applied) moves only connectivity. FUELLING on a nozzle without an
 * AUTHORIZE for it raises PUMP_DISPENSING_UNAUTHORISED (CRITICAL), which clears when the pump is
 * IDLE again; an AUTHORIZE is spent when the pump comes back to rest after acting on it.
 */
export function applyPumpTelemetry(
  twin: PumpTwinState,
  sample: { ts: Date; seq?: number; boot?: number; values: PumpTelemetry },
  origin: Origin,
  newId: () => string,
): Applied {
  const at = effectiveTime(sample.ts, origin.receivedAt);
  const base = heardFrom(twin, sample, origin);
  if (twin.reportedAt !== null && at < twin.reportedAt) return { state: base, changes: [] };

  const { nozzle, volumeMl, amountMinor } = sample.values;
  // A pump may report only its running figures mid-sale: the state stays as last reported (at rest before any).
  const state = sample.values.state ?? twin.state ?? 'IDLE';
  const inSale = isDispensing(state) || state === 'AUTHORISED';
  const keep = <T>(given: T | undefined, previous: T | null) => given ?? (inSale ? previous : null);
  const allowed = authorised(twin.authorization, nozzle ?? twin.nozzle, origin.receivedAt);

  const changes: AlarmChange[] = [];
  const open = openAlarm(twin.alarms, 'PUMP_DISPENSING_UNAUTHORISED');
  const live = origin.receivedAt.getTime() - at.getTime() <= LIVE_WITHIN_MS;
  if (state === 'FUELLING' && !allowed && !open && live) changes.push(raised('PUMP_DISPENSING_UNAUTHORISED', at, nozzle ?? twin.nozzle, newId));
  if (state === 'IDLE' && open) changes.push({ kind: 'cleared', alarm: open, at });

  const moved: PumpTwinState = {
    ...base,
    state,
    nozzle: keep(nozzle, twin.nozzle),
    volumeMl: keep(volumeMl, twin.volumeMl),
    amountMinor: keep(amountMinor, twin.amountMinor),
    reportedAt: at,
    authorization: spent(twin.authorization, state, nozzle ?? twin.nozzle),
  };
  return { state: { ...moved, alarms: withChanges(twin.alarms, changes) }, changes };
}

/** Whether an AUTHORIZE allows dispensing on the nozzle (any nozzle when the pump did not say which). */
function authorised(authorization: ActiveAuthorization | null, nozzle: number | null, now: Date): boolean {
  if (!authorization) return false;
  if (nozzle !== null && authorization.nozzle !== nozzle) return false;
  return authorization.seen || now.getTime() - authorization.at.getTime() <= UNUSED_AUTHORISATION_MS;
}

/** The authorisation after a state: seen once the pump acts on it, gone once it is back at rest after that. */
function spent(authorization: ActiveAuthorization | null, state: FuelPointState, nozzle: number | null): ActiveAuthorization | null {
  if (!authorization) return null;
  const onIt = nozzle === null || nozzle === authorization.nozzle;
  if ((state === 'AUTHORISED' || isDispensing(state)) && onIt) return authorization.seen ? authorization : { ...authorization, seen: true };
  return authorization.seen && AT_REST.includes(state) ? null : authorization;
}
