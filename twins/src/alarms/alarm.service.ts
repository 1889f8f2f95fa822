import { z } from 'zod';
import { actorOf, notFound, type CallerContext } from '@hearth/platform';
import { validateInput } from '@hearth/platform/graphql';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import type { AlarmEvents } from './alarm-events';
import type { HolderRoute } from '../instances/holder-route';
import type { Queryable } from '@hearth/platform/db';
import type { TwinBatch } from '../ingest/twin-batch';
import type { OpenAlarm } from '../model/alarm';
import { acknowledged, checkShelvable, checkUnshelvable, MAX_SHELVE_MS } from '../model/alarm-lifecycle';
import { findAlarm, findAlarmForUpdate, saveAcknowledgement, saveShelving, type AlarmRecord } from '../store/alarm-store';

const acknowledgement = z.object({ comment: z.string().trim().max(1000).nullish() });
const shelving = (now: Date) =>
  z.object({
    until: z
      .date()
      .refine((d) => d > now, 'must be in the future')
      .refine((d) => d.getTime() - now.getTime() <= MAX_SHELVE_MS, 'at most 7 days ahead: shelving is temporary'),
    reason: z.string().trim().min(1, 'say why the alarm is shelved').max(500),
  });

/** What people do with alarms, for every kind of asset (ISA-18.2): acknowledge them, shelve them for a while. */
export class AlarmService {
  constructor(
    private readonly pipeline: IngestPipeline,
    private readonly events: AlarmEvents,
    /**
     * The other twins instances (ADR 0014): their `alarmChanged` subscribers hear of it too, and an
     * acknowledgement, which writes the asset's twin, is made by the instance holding its gateway.
     */
    private readonly instances?: { route: HolderRoute; db: Queryable; gatewayOf: (assetKind: string, assetId: string) => string | null | undefined },
  ) {}

  private announce(alarm: AlarmRecord): void {
    this.events.publish([alarm]);
    this.instances?.route.peers.send({ gateways: [], kinds: [], alarms: [alarm] });
  }

  /**
   * Acknowledges one of the caller's alarms, with who, when and an optional comment. An alarm whose
   * condition still holds shows ACKNOWLEDGED on its asset's twin too, so it is a task of the one writer.
   */
  async acknowledge(caller: CallerContext, id: string, comment?: string | null, forwarded = false): Promise<AlarmRecord> {
    const valid = validateInput(acknowledgement, { comment });
    if (this.instances && !forwarded) {
      const alarm = await findAlarm(this.instances.db, caller.tenantId, id);
      const gatewayId = alarm && this.instances.gatewayOf(alarm.assetKind, alarm.assetId);
      const done = await this.instances.route.forward<AlarmRecord>(gatewayId, { op: 'acknowledge', caller, alarmId: id, comment: valid.comment ?? null });
      if (done) return done;
    }
    const saved = await this.pipeline.run(async (tx, batch) => {
      const alarm = await findAlarmForUpdate(tx, caller.tenantId, id);
      if (!alarm) throw notFound('Alarm', id);
      const saved = await saveAcknowledgement(tx, alarm, {
        state: acknowledged(alarm.state),
        at: new Date(),
        by: actorOf(caller),
        comment: valid.comment || null,
      });
      if (saved.clearedAt === null) showOnTwin(batch, saved);
      return saved;
    });
    this.announce(saved);
    return saved;
  }

  /** Takes one of the caller's alarms off the displays (the alarm centre's; its asset's twin still shows it) until `until` (at most 7 days), with a reason (ISA-18.2 shelving). */
  async shelve(caller: CallerContext, id: string, until: Date, reason: string): Promise<AlarmRecord> {
    const now = new Date();
    const valid = validateInput(shelving(now), { until, reason });
    return this.change(caller, id, (alarm) => {
      checkShelvable(alarm.state);
      return { until: valid.until, by: actorOf(caller), reason: valid.reason };
    });
  }

  /** Puts a shelved alarm back on the displays before its time is up. */
  unshelve(caller: CallerContext, id: string): Promise<AlarmRecord> {
    return this.change(caller, id, (alarm) => {
      checkUnshelvable(alarm.shelvedUntil, new Date());
      return null;
    });
  }

  private async change(
    caller: CallerContext,
    id: string,
    decide: (alarm: AlarmRecord) => { until: Date; by: string; reason: string } | null,
  ): Promise<AlarmRecord> {
    const saved = await this.pipeline.run(async (tx) => {
      const alarm = await findAlarmForUpdate(tx, caller.tenantId, id);
      if (!alarm) throw notFound('Alarm', id);
      return saveShelving(tx, alarm, decide(alarm));
    });
    this.announce(saved);
    return saved;
  }
}

/** The asset's twin holds its open alarms: the acknowledged one changes there (a gateway's, or any registered kind's). */
function showOnTwin(batch: TwinBatch, alarm: AlarmRecord): void {
  const update = (alarms: OpenAlarm[]) =>
    alarms.map((a): OpenAlarm =>
      a.id === alarm.id
        ? {
            ...a,
            state: 'ACKNOWLEDGED',
            acknowledgedAt: alarm.acknowledgedAt,
            acknowledgedBy: alarm.acknowledgedBy,
            acknowledgementComment: alarm.acknowledgementComment,
          }
        : a,
    );
  if (alarm.assetKind === 'gateway') {
    const gateway = batch.gateway(alarm.assetId);
    if (gateway) batch.putGateway({ ...gateway, alarms: update(gateway.alarms), version: gateway.version + 1 });
    return;
  }
  const twins = batch.ofKind(alarm.assetKind);
  const twin = twins?.get(alarm.assetId);
  if (twin) twins!.put({ ...twin, alarms: update(twin.alarms), version: twin.version + 1 });
}
