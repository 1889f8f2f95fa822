import type { Database } from '@hearth/platform/db';
import type { CommandStatus } from '../../model/command';
import { viewOfChange } from '../../alarms/alarm-events';
import { isNotBound } from '../decision-follower';
import type { KindCore } from '../twin-kind';
import { sendMeterCommand } from './meter-commands';
import type { MeterKind } from './meter-kind';
import { RELAY_ALARMS, type MeterAlarmCode } from './model/meter-alarms';
import type { MeterTwinState } from './model/meter-twin';
import { doneUnconfirmed, nextCommand, type MeterAction } from './model/relay';
import { clearMeterAlarms, openMeterAlarmKeys, raiseMeterAlarm } from './store/meter-alarm-store';
import { commandStatuses } from './store/meter-command-status';

/** A meter whose read-back or retry could not be recorded (bound to no gateway) is tried again after this long. */
const RETRY_SEND_MS = 60_000;
/** How often the meters this instance holds are looked at for a relay command answered but not confirmed. */
const SWEEP_MS = 5_000;
/** Commands the gateway took on: they no longer expire, so nothing else ends them unconfirmed. */
const TAKEN_ON: ReadonlySet<CommandStatus> = new Set<CommandStatus>(['ACCEPTED', 'DONE']);

/**
 * Acts on what the relay model decided, after each committed change of the meters this instance
 * holds (`TwinKind.publish`, not a peer's): sends the read-back or the one retry that is due
 * (`nextCommand`) and keeps the relay alarms where the relay's conditions are (METER_RELAY_UNCONFIRMED,
 * METER_RELAY_TAMPER), in the alarm centre. What it knows of open alarms is read at start and kept
 * as it raises and clears them; raising and clearing check the database again, so a stale memory
 * costs a query, never a second alarm. At `connect` it looks at every twin: what a run that stopped
 * in between decided but did not do is done then. Every few seconds (`sweep`) it reads back the
 * relay of a meter whose relay command was answered (`done`) but not confirmed by a report within
 * the answer window (`doneUnconfirmed`): the retry-once and unconfirmed rules then apply to what
 * the read-back shows.
 */
export class RelayKeeper {
  private core?: KindCore;
  private kind?: MeterKind;
  private open = new Set<string>();
  /** Meters whose command is being recorded, or failed to be lately (when). */
  private readonly sending = new Map<string, number>();
  private alarmQueue: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database) {}

  async connect(core: KindCore, kind: MeterKind): Promise<void> {
    this.core = core;
    this.kind = kind;
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
    this.open = await openMeterAlarmKeys(this.db, RELAY_ALARMS);
    this.changed([...kind.twins.all()]);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
    await this.alarmQueue;
  }

  /**
   * Reads back the relay of each meter held here whose relay command the meter answered (`done`,
   * or `accepted` with nothing after: neither expires) with no report confirming it within the
   * answer window. A command the gateway has not taken on is left to its expiry, which asks for the
   * read-back itself.
   */
  sweep(): Promise<void> {
    this.sweeping = this.sweeping.then(() => this.sweepOnce()).catch((err: unknown) => this.core?.logger.error({ err }, 'the relays could not be looked at'));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    const { core, kind } = this;
    if (!core || !kind) return;
    const now = new Date();
    const overdue = [...kind.twins.all()].filter((t) => doneUnconfirmed(t.relay, now, kind.settings.answerWithinMs));
    const byTenant = new Map<string, MeterTwinState[]>();
    for (const twin of overdue) byTenant.set(twin.tenantId, [...(byTenant.get(twin.tenantId) ?? []), twin]);
    for (const [tenantId, twins] of byTenant) {
      const statuses = await commandStatuses(
        this.db,
        tenantId,
        twins.map((t) => t.relay.pending!.commandId),
      );
      for (const twin of twins) if (TAKEN_ON.has(statuses.get(twin.relay.pending!.commandId) ?? 'PENDING')) this.send(core, kind, twin, 'READ_RELAY');
    }
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

  private send(core: KindCore, kind: MeterKind, twin: MeterTwinState, due: MeterAction | null = nextCommand(twin.relay)): void {
    const action = due;
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
          action === 'READ_RELAY'
            ? 'relay command unanswered, or answered but not confirmed: reading the relay back'
            : 'relay read back where it was not sent: sending again, once',
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
