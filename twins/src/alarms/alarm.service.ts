import { z } from 'zod';
import { actorOf, notFound, type CallerContext } from '@hearth/platform';
import { validateInput } from '@hearth/platform/graphql';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import type { AlarmEvents } from './alarm-events';
import type { TwinBatch } from '../ingest/twin-batch';
import type { OpenAlarm } from '../model/alarm';
import { acknowledged } from '../model/alarm-lifecycle';
import { findAlarmForUpdate, saveAcknowledgement, type AlarmRecord } from '../store/alarm-store';

const acknowledgement = z.object({ comment: z.string().trim().max(1000).nullish() });

/** What people do with alarms, for every kind of asset (ISA-18.2 acknowledgement). */
export class AlarmService {
  constructor(
    private readonly pipeline: IngestPipeline,
    private readonly events: AlarmEvents,
  ) {}

  /**
   * Acknowledges one of the caller's alarms, with who, when and an optional comment. An alarm whose
   * condition still holds shows ACKNOWLEDGED on its asset's twin too, so it is a task of the one writer.
   */
  async acknowledge(caller: CallerContext, id: string, comment?: string | null): Promise<AlarmRecord> {
    const valid = validateInput(acknowledgement, { comment });
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
    this.events.publish([saved]);
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
