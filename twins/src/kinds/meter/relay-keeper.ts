import type { Database } from '@hearth/platform/db';
import { viewOfChange } from '../../alarms/alarm-events';
import { isNotBound } from '../decision-follower';
import type { KindCore } from '../twin-kind';
import { sendMeterCommand } from './meter-commands';
import type { MeterKind } from './meter-kind';
import { RELAY_ALARMS, type MeterAlarmCode } from './model/meter-alarms';
import type { MeterTwinState } from './model/meter-twin';
import { nextCommand } from './model/relay';
import { clearMeterAlarms, openMeterAlarmKeys, raiseMeterAlarm } from './store/meter-alarm-store';

/** A meter whose read-back or retry could not be recorded (bound to no gateway) is tried again after this long. */
const RETRY_SEND_MS = 60_000;

/**
 * Acts on what the relay model decided, after each committed change of the meters this instance
 * holds (`TwinKind.publish`, not a peer's): sends the read-back or the one retry that is due
 * (`nextCommand`) and keeps the relay alarms where the relay's conditions are (METER_RELAY_UNCONFIRMED,
 * METER_RELAY_TAMPER), in the alarm centre. What it knows of open alarms is read at start and kept
 * as it raises and clears them; raising and clearing check the database again, so a stale memory
 * costs a query, never a second alarm. At `connect` it looks at every twin: what a run that stopped
 * in between decided but did not do is done then.
 */
export class RelayKeeper {
  private core?: KindCore;
  private kind?: MeterKind;
  private open = new Set<string>();
  /** Meters whose command is being recorded, or failed to be lately (when). */
  private readonly sending = new Map<string, number>();
  private alarmQueue: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database) {}

  async connect(core: KindCore, kind: MeterKind): Promise<void> {
    this.core = core;
    this.kind = kind;
    this.open = await openMeterAlarmKeys(this.db, RELAY_ALARMS);
    this.changed([...kind.twins.all()]);
  }

  /** Resolves once the alarm changes asked for so far are written (tests). */
  idle(): Promise<void> {
    return this.alarmQueue;
  }

  changed(twins: readonly MeterTwinState[]): void {
    if (!this.core || !this.kind) return;
    for (const twin of twins) {
      this.send(this.core, this.kind, twin);
      this.alarm(twin, 'METER_RELAY_UNCONFIRMED', twin.relay.unconfirmed);
      this.alarm(twin, 'METER_RELAY_TAMPER', twin.relay.tamper);
    }
  }

  private send(core: KindCore, kind: MeterKind, twin: MeterTwinState): void {
    const action = nextCommand(twin.relay);
    if (!action) return;
    const last = this.sending.get(twin.meterId);
    if (last !== undefined && (last === 0 || Date.now() - last < RETRY_SEND_MS)) return;
    this.sending.set(twin.meterId, 0);
    const log = core.logger.child({ tenantId: twin.tenantId, deviceId: twin.meterId, action });
    const reason = action === 'READ_RELAY' ? 'READ_BACK' : 'RETRY_AFTER_READ_BACK';
    sendMeterCommand(core, kind, twin.tenantId, twin.meterId, { action, reason }, { lastCommandId: twin.relay.lastCommandId })
      .then((command) => {
        this.sending.delete(twin.meterId);
        log.warn(
          { commandId: command.id },
          action === 'READ_RELAY' ? 'relay command unanswered: reading the relay back' : 'relay read back where it was not sent: sending again, once',
        );
      })
      .catch((err: unknown) => {
        this.sending.set(twin.meterId, Date.now());
        if (isNotBound(err)) log.warn('the meter is bound to no gateway: its relay cannot be read back');
        else log.error({ err }, 'the relay’s read-back or retry could not be sent');
      });
  }

  private alarm(twin: MeterTwinState, code: MeterAlarmCode, holds: boolean): void {
    const key = `${twin.meterId} ${code}`;
    if (holds === this.open.has(key)) return;
    if (holds) this.open.add(key);
    else this.open.delete(key);
    const core = this.core!;
    const meter = { tenantId: twin.tenantId, meterId: twin.meterId, siteId: this.kind!.places.siteOf(twin.tenantId, twin.meterId) };
    const at = twin.relay.reportedAt ?? new Date();
    const detail =
      code === 'METER_RELAY_TAMPER'
        ? `reported ${twin.relay.reported} while intended ${twin.relay.intended}`
        : `last ${twin.relay.last?.action ?? 'command'} sent ${twin.relay.last?.attempts ?? 0} time(s)`;
    this.alarmQueue = this.alarmQueue
      .then(async () => {
        const changes = await this.db.transaction((tx) =>
          holds ? raiseMeterAlarm(tx, meter, code, at, detail) : clearMeterAlarms(tx, meter, [code], new Date()),
        );
        if (changes.length > 0) core.alarms.publish(changes.map(viewOfChange));
      })
      .catch((err: unknown) => {
        // Forgotten, so the next change of the twin tries again.
        if (holds) this.open.delete(key);
        else this.open.add(key);
        core.logger.error({ err, tenantId: twin.tenantId, deviceId: twin.meterId, code }, 'a relay alarm could not be written');
      });
  }
}
