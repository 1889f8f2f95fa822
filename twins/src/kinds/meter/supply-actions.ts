import { followTable, logFailedRow, type Database, type Queryable } from '@hearth/platform/db';
import { TableFollower } from '@hearth/platform/service';
import { viewOfChange } from '../../alarms/alarm-events';
import type { AssetAlarmChange } from '../../store/alarm-store';
import type { KindCore } from '../twin-kind';
import { codeOf, sendMeterCommand } from './meter-commands';
import type { MeterKind } from './meter-kind';
import { BALANCE_ALARMS } from './model/meter-alarms';
import { initialRelay, merges, type RelayAction } from './model/relay';
import { clearMeterAlarms, raiseMeterAlarm, raiseMeterEvent, type MeterRef } from './store/meter-alarm-store';
import * as supply from './store/supply-events';

export interface SupplyActionSettings {
  /** The poll behind the metering service's NOTIFY. */
  pollMs: number;
  /** How far behind its cursor each run reads again (a decision that committed after a later one). */
  lookbackMs: number;
}

export const defaultSupplyActionSettings: SupplyActionSettings = { pollMs: 5_000, lookbackMs: 30_000 };

/** Claims are kept this long, far beyond the look-back window. */
const KEEP_CLAIMS_MS = 7 * 24 * 3600_000;

/**
 * Carries out the metering service's supply decisions (`metering.supply_event`), each once across
 * twins instances: read through a durable cursor, woken by its NOTIFY with a poll behind it, claimed
 * in `twins.meter_supply_action` together with the alarms it raises or clears, then sent as the
 * meter's command by `service:meter-supply`, audited (through the instance holding the meter's
 * gateway, ADR 0014). NOTIFY_ALARM1 raises the event METER_BALANCE_LOW; ALARM sends the meter's
 * ALARM and raises METER_BALANCE_ALARM2; TRIP sends TRIP (relay intended OPEN) and raises
 * METER_SUPPLY_CUT; ALLOW_CLOSE and CLOSE send theirs (intended CLOSED) and clear both. A relay
 * decision that would add nothing (`merges`) is recorded MERGED and sends nothing. Quiet until the
 * table exists.
 */
export class SupplyActions {
  private readonly follower: TableFollower;
  private forgotAt = 0;
  private core?: KindCore;
  private kind?: MeterKind;

  constructor(
    private readonly db: Database,
    private readonly settings: SupplyActionSettings,
  ) {
    this.follower = new TableFollower({
      name: 'meter-supply-actions',
      db,
      pollMs: settings.pollMs,
      channel: supply.SUPPLY_EVENT_CHANNEL,
      tables: [supply.SUPPLY_EVENT_TABLE],
      run: () => this.run(),
    });
  }

  /** Listens before the twins are restored; nothing is carried out before `connect`. */
  start(): Promise<void> {
    return this.follower.listen();
  }

  connect(core: KindCore, kind: MeterKind): void {
    this.core = core;
    this.kind = kind;
    void this.follower.start(core.logger);
  }

  /** Runs now, or once more right after the run under way. */
  wake(): Promise<void> {
    return this.follower.wake();
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  private async run(): Promise<void> {
    const { core, kind } = this;
    if (!core || !kind) return;
    await followTable<supply.SupplyEvent>(this.db, {
      cursor: supply.supplyCursor,
      lookbackMs: this.settings.lookbackMs,
      page: (after, limit) => supply.supplyEventsAfter(this.db, after, limit),
      keyOf: (e) => [e.createdKey, e.id],
      take: (e) => this.carry(core, kind, e),
      failed: logFailedRow(core.logger, 'a supply decision could not be carried out; trying again next run', (e) => ({
        supplyEventId: e.id,
        tenantId: e.tenantId,
        deviceId: e.meterId,
        action: e.action,
      })),
    });
    if (Date.now() - this.forgotAt > 3600_000) {
      this.forgotAt = Date.now();
      await supply.forgetOldSupplyActions(this.db, KEEP_CLAIMS_MS);
    }
  }

  private async carry(core: KindCore, kind: MeterKind, e: supply.SupplyEvent): Promise<void> {
    if (!(await kind.places.isMeterOf(e.tenantId, e.meterId))) return;
    const meter: MeterRef = { tenantId: e.tenantId, meterId: e.meterId, siteId: kind.places.siteOf(e.tenantId, e.meterId) };
    const at = new Date();
    const detail = `${e.reason}${e.balanceMinor === null ? '' : `, balance ${(e.balanceMinor / 100).toFixed(2)}`} (supply decision ${e.id})`;
    const relayAction: RelayAction | null = e.action === 'TRIP' || e.action === 'ALLOW_CLOSE' || e.action === 'CLOSE' ? e.action : null;
    const twin = kind.twins.get(e.meterId);
    const merged = relayAction !== null && merges(twin?.tenantId === e.tenantId ? twin.relay : initialRelay(), relayAction);
    const sends = e.action === 'ALARM' || (relayAction !== null && !merged);
    const alarms = async (tx: Queryable): Promise<AssetAlarmChange[]> => {
      switch (e.action) {
        case 'NOTIFY_ALARM1':
          return raiseMeterEvent(tx, meter, 'METER_BALANCE_LOW', at, detail, e.balanceMinor);
        case 'ALARM':
          return raiseMeterAlarm(tx, meter, 'METER_BALANCE_ALARM2', at, detail, e.balanceMinor);
        case 'TRIP':
          return raiseMeterAlarm(tx, meter, 'METER_SUPPLY_CUT', at, detail, e.balanceMinor);
        case 'ALLOW_CLOSE':
        case 'CLOSE':
          return clearMeterAlarms(tx, meter, BALANCE_ALARMS, at);
      }
    };
    const claimed = await this.db.transaction(async (tx) => {
      if (!(await supply.claimSupplyEvent(tx, e, sends ? 'SENDING' : merged ? 'MERGED' : 'DONE'))) return null;
      return alarms(tx);
    });
    if (!claimed) return;
    // Committed: live subscribers hear of the alarms (the twin's batch does not carry them).
    if (claimed.length > 0) core.alarms.publish(claimed.map(viewOfChange));
    const log = core.logger.child({ tenantId: e.tenantId, deviceId: e.meterId, supplyEventId: e.id, action: e.action });
    if (!sends) {
      if (merged) log.info('supply decision merged: the relay already stands (or is on its way) where it wants it');
      return;
    }
    try {
      const command = await sendMeterCommand(core, kind, e.tenantId, e.meterId, {
        action: e.action as RelayAction | 'ALARM',
        supplyEventId: e.id,
        reason: e.reason,
      });
      await supply.settleSupplyEvent(this.db, e.id, 'SENT', command.id);
      log.info({ commandId: command.id }, 'supply decision sent to the meter');
    } catch (err) {
      if (codeOf(err) === 'DEVICE_NOT_BOUND') {
        await supply.settleSupplyEvent(this.db, e.id, 'NOT_BOUND', null);
        log.warn('the meter is bound to no gateway: the supply decision cannot reach it');
        return;
      }
      await supply.releaseSupplyEvent(this.db, e.id);
      throw err;
    }
  }
}
