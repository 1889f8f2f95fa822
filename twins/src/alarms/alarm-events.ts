import { LatestByKey } from '../ingest/latest-by-key';
import type { OpenAlarm } from '../model/alarm';
import { cleared } from '../model/alarm-lifecycle';
import type { AlarmRecord, AssetAlarmChange } from '../store/alarm-store';

/**
 * An alarm as it is after a committed change: what `alarmChanged` sends. A rule's change (raised,
 * cleared) carries what people did to the alarm only as far as its twin knows it (its acknowledgement).
 */
type ByPeople = 'acknowledgedAt' | 'acknowledgedBy' | 'acknowledgementComment' | 'shelvedUntil' | 'shelvedBy' | 'shelveReason';
export type AlarmView = Omit<AlarmRecord, ByPeople> & Partial<Pick<AlarmRecord, ByPeople>>;

/** What a rule's change did to an alarm, as the alarm now is (the store writes the same: `saveAlarmChanges`). */
export function viewOfChange(c: AssetAlarmChange): AlarmView {
  const alarm: OpenAlarm = c.change.alarm;
  const base = { ...alarm, tenantId: c.tenantId, assetKind: c.assetKind, assetId: c.assetId, siteId: c.siteId ?? null };
  return c.change.kind === 'raised' ? { ...base, clearedAt: null } : { ...base, state: cleared(alarm.state), clearedAt: c.change.at };
}

/**
 * Committed alarm changes to `alarmChanged` subscribers, per tenant. Each subscriber keeps the
 * newest waiting change of each alarm (a state, not a log), so a slow reader holds one per alarm.
 */
export class AlarmEvents {
  private readonly byTenant = new Map<string, Set<LatestByKey<AlarmView>>>();

  publish(alarms: AlarmView[]): void {
    for (const alarm of alarms) this.byTenant.get(alarm.tenantId)?.forEach((queue) => queue.push(alarm.id, alarm));
  }

  /** The tenant's alarm changes from now on, until the reader returns. */
  changes(tenantId: string): AsyncIterableIterator<AlarmView> {
    const queue = new LatestByKey<AlarmView>(() => {
      const set = this.byTenant.get(tenantId);
      set?.delete(queue);
      if (set?.size === 0) this.byTenant.delete(tenantId);
    });
    let set = this.byTenant.get(tenantId);
    if (!set) this.byTenant.set(tenantId, (set = new Set()));
    set.add(queue);
    return queue;
  }
}
