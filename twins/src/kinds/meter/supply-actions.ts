import type { Database, Queryable } from '@hearth/platform/db';
import { viewOfChange } from '../../alarms/alarm-events';
import type { AssetAlarmChange } from '../../store/alarm-store';
import { DecisionFollower, type Carrying, type DecisionFollowSettings } from '../decision-follower';
import { sendMeterCommand } from './meter-commands';
import type { MeterKind } from './meter-kind';
import { BALANCE_ALARMS } from './model/meter-alarms';
import { initialRelay, merges, type RelayAction } from './model/relay';
import { clearMeterAlarms, raiseMeterAlarm, raiseMeterEvent, type MeterRef } from './store/meter-alarm-store';
import * as supply from './store/supply-events';

export type SupplyActionSettings = DecisionFollowSettings;

export const defaultSupplyActionSettings: SupplyActionSettings = { pollMs: 5_000, lookbackMs: 30_000 };

/** Claims are kept this long, far beyond the look-back window. */
const KEEP_CLAIMS_MS = 7 * 24 * 3600_000;

export type SupplyActions = DecisionFollower<supply.SupplyEvent, MeterKind>;

/**
 * Carries out the metering service's supply decisions (`metering.supply_event`), each once across
 * twins instances (`DecisionFollower`): read through a durable cursor, woken by its NOTIFY with a
 * poll behind it, claimed in `twins.meter_supply_action` together with the alarms it raises or
 * clears, then sent as the meter's command by `service:meter-supply`, audited (through the instance
 * holding the meter's gateway, ADR 0014). NOTIFY_ALARM1 raises the event METER_BALANCE_LOW; ALARM
 * sends the meter's ALARM and raises METER_BALANCE_ALARM2; ALARM_RELEASE (the balance back above
 * alarm 2) sends ALARM_RELEASE (the meter stops its alarm) and clears METER_BALANCE_ALARM2; TRIP sends TRIP (relay intended OPEN) and
 * raises METER_SUPPLY_CUT; ALLOW_CLOSE and CLOSE send theirs (intended CLOSED) and clear both. A
 * relay decision that would add nothing (`merges`) is recorded MERGED and sends nothing. A claim
 * abandoned SENDING (the instance stopped before the command was recorded) is taken again after
 * `ABANDONED_CLAIM_MS` and carried out then, unless a later relay decision for the meter supersedes
 * it (MERGED); a command recorded twice is absorbed by the relay's merge. A relay decision that met
 * NOT_BOUND (the meter is bound to no gateway yet) stays due: once the meter is bound it is carried
 * out at the next run (woken by the fleet's notice), unless a later relay decision supersedes it.
 * Quiet until the table exists.
 */
export function supplyActions(db: Database, settings: SupplyActionSettings): SupplyActions {
  return new DecisionFollower<supply.SupplyEvent, MeterKind>({
    db,
    settings,
    source: {
      name: 'meter-supply-actions',
      table: supply.SUPPLY_EVENT_TABLE,
      channel: supply.SUPPLY_EVENT_CHANNEL,
      cursor: supply.supplyCursor,
      page: supply.supplyEventsAfter,
      keyOf: (e) => [e.createdKey, e.id],
    },
    claims: {
      settle: (q, e, outcome, commandId) => supply.settleSupplyEvent(q, e.id, outcome, commandId),
      release: (q, e) => supply.releaseSupplyEvent(q, e.id),
      abandoned: supply.abandonedSupplyEvents,
      forget: supply.forgetOldSupplyActions,
      keepMs: KEEP_CLAIMS_MS,
    },
    carry: (e, carrying) => carry(db, e, carrying),
    failed: {
      message: 'a supply decision could not be carried out; trying again next run',
      fields: (e) => ({ supplyEventId: e.id, tenantId: e.tenantId, deviceId: e.meterId, action: e.action }),
    },
  });
}

async function carry(db: Database, e: supply.SupplyEvent, { core, kind, send }: Carrying<MeterKind>): Promise<void> {
  if (!(await kind.places.owns(e.tenantId, e.meterId))) return;
  const meter: MeterRef = { tenantId: e.tenantId, meterId: e.meterId, siteId: kind.places.siteOf(e.tenantId, e.meterId) };
  const at = new Date();
  const detail = `${e.reason}${e.balanceMinor === null ? '' : `, balance ${(e.balanceMinor / 100).toFixed(2)}`} (supply decision ${e.id})`;
  const relayAction: RelayAction | null = e.action === 'TRIP' || e.action === 'ALLOW_CLOSE' || e.action === 'CLOSE' ? e.action : null;
  const twin = kind.twins.get(e.meterId);
  // A relay decision taken again after its claim was abandoned, with a later one for the meter since: that one stands, this one is merged into it.
  const merged = relayAction !== null && (e.superseded === true || merges(twin?.tenantId === e.tenantId ? twin.relay : initialRelay(), relayAction));
  const sends = e.action === 'ALARM' || e.action === 'ALARM_RELEASE' || (relayAction !== null && !merged);
  const alarms = async (tx: Queryable): Promise<AssetAlarmChange[]> => {
    switch (e.action) {
      case 'NOTIFY_ALARM1':
        return raiseMeterEvent(tx, meter, 'METER_BALANCE_LOW', at, detail, e.balanceMinor);
      case 'ALARM':
        return raiseMeterAlarm(tx, meter, 'METER_BALANCE_ALARM2', at, detail, e.balanceMinor);
      case 'ALARM_RELEASE':
        return clearMeterAlarms(tx, meter, ['METER_BALANCE_ALARM2'], at);
      case 'TRIP':
        return raiseMeterAlarm(tx, meter, 'METER_SUPPLY_CUT', at, detail, e.balanceMinor);
      case 'ALLOW_CLOSE':
      case 'CLOSE':
        return clearMeterAlarms(tx, meter, BALANCE_ALARMS, at);
    }
  };
  const claimed = await db.transaction(async (tx) => {
    if (!(await supply.claimSupplyEvent(tx, e, sends ? 'SENDING' : merged ? 'MERGED' : 'DONE'))) return null;
    // A superseded decision changes nothing: the later one raised or cleared the alarms as they stand.
    return e.superseded ? [] : alarms(tx);
  });
  if (!claimed) return;
  // Committed: live subscribers hear of the alarms (the twin's batch does not carry them).
  if (claimed.length > 0) core.alarms.publish(claimed.map(viewOfChange));
  const log = core.logger.child({ tenantId: e.tenantId, deviceId: e.meterId, supplyEventId: e.id, action: e.action });
  if (!sends) {
    if (merged) log.info('supply decision merged: the relay already stands (or is on its way) where it wants it');
    return;
  }
  const command = await send(
    () =>
      sendMeterCommand(core, kind, e.tenantId, e.meterId, {
        action: e.action as RelayAction | 'ALARM' | 'ALARM_RELEASE',
        supplyEventId: e.id,
        reason: e.reason,
      }),
    log,
    'the meter is bound to no gateway: the supply decision cannot reach it',
  );
  if (command) log.info({ commandId: command.id }, 'supply decision sent to the meter');
}
