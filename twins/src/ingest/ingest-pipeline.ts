import type { DeviceMessage, MessageSink, SinkResult } from '@hearth/broker';
import { counter, histogram } from '@hearth/platform';
import type { Database } from '@hearth/platform/db';
import type { Logger } from 'pino';
import { handleTankTelemetry, type BatchWork } from '../handlers/tank-telemetry';
import { saveAlarmChanges } from '../store/alarm-store';
import type { TankConfigStore } from '../store/tank-config-store';
import { insertDeviceMessages } from '../store/device-message-store';
import { insertTankSamples } from '../store/tank-sample-store';
import { saveTankTwins } from '../store/tank-twin-store';
import type { TankTwins } from './tank-twins';
import type { TwinEvents } from './twin-events';

type Pending =
  | { kind: 'message'; message: DeviceMessage; resolve: (r: SinkResult) => void; reject: (e: Error) => void }
  | { kind: 'status'; gatewayId: string; online: boolean; at: Date };

const batchSize = histogram('hearth_ingest_batch_samples', 'Samples written per ingest transaction', [], [1, 10, 100, 500, 1000, 5000]);
const commitSeconds = histogram('hearth_ingest_commit_seconds', 'Time to commit one ingest batch', [], [0.001, 0.005, 0.02, 0.1, 0.5, 2]);
const failures = counter('hearth_ingest_batch_failures_total', 'Ingest batches that failed to commit (their messages were not acknowledged)');

/**
 * The durable path from MQTT to the twins, as a group commit: one batch is written at a
 * time in one transaction, and whatever arrives meanwhile forms the next batch. A message's
 * promise resolves (and its PUBACK goes out) only after its batch committed; twins in memory
 * and subscribers see a change only after that too.
 */
export class IngestPipeline implements MessageSink {
  private queue: Pending[] = [];
  private flushing?: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly twins: TankTwins,
    private readonly configs: TankConfigStore,
    private readonly events: TwinEvents,
    private readonly logger: Logger,
    private readonly maxBatchSamples = 5000,
  ) {}

  accept(message: DeviceMessage): Promise<SinkResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'message', message, resolve, reject });
      this.schedule();
    });
  }

  gatewayStatus(status: { tenantId: string; gatewayId: string; online: boolean; at: Date }): void {
    this.queue.push({ kind: 'status', gatewayId: status.gatewayId, online: status.online, at: status.at });
    this.schedule();
  }

  /** Resolves when everything queued so far is committed (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private schedule(): void {
    this.flushing ??= (async () => {
      // Yield once so messages from the same socket read join the first batch.
      await new Promise((r) => setImmediate(r));
      while (this.queue.length > 0) await this.flushOnce();
    })().finally(() => (this.flushing = undefined));
  }

  private takeBatch(): Pending[] {
    let samples = 0;
    let n = 0;
    while (n < this.queue.length && samples < this.maxBatchSamples) {
      const p = this.queue[n++]!;
      if (p.kind === 'message') samples += p.message.samples.length;
    }
    return this.queue.splice(0, n);
  }

  private async flushOnce(): Promise<void> {
    const batch = this.takeBatch();
    const work: BatchWork = { twins: new Map(), samples: [], alarms: [] };
    const results: SinkResult[] = [];
    const raw: { index: number; message: DeviceMessage }[] = [];
    for (const p of batch) {
      if (p.kind === 'status') {
        if (!p.online)
          for (const twin of this.twins.behindGateway(p.gatewayId)) {
            const current = work.twins.get(twin.tankId) ?? twin;
            work.twins.set(twin.tankId, { ...current, online: false, version: current.version + 1 });
          }
        continue;
      }
      const { message } = p;
      if (message.kind === 'tank' && message.channel === 'telemetry') {
        results.push(handleTankTelemetry(message, work, this.twins.get(message.deviceId), this.configs.get(message.deviceId)));
      } else {
        // Stored as sent until a handler models it; its result is filled in after the insert.
        raw.push({ index: results.length, message });
        results.push({ stored: 0, duplicates: 0 });
      }
    }
    const started = performance.now();
    try {
      await this.db.transaction(async (tx) => {
        await insertTankSamples(tx, work.samples);
        await saveTankTwins(tx, [...work.twins.values()]);
        await saveAlarmChanges(tx, work.alarms);
        // One message at a time, so each gets its own new/duplicate count.
        for (const r of raw) {
          const stored = await insertDeviceMessages(tx, [r.message]);
          results[r.index] = { stored, duplicates: r.message.samples.length - stored };
        }
      });
    } catch (err) {
      failures.inc();
      this.logger.error({ err, messages: batch.length }, 'ingest batch failed; its messages stay unacknowledged');
      for (const p of batch) if (p.kind === 'message') p.reject(err as Error);
      return;
    }
    commitSeconds.observe((performance.now() - started) / 1000);
    batchSize.observe(work.samples.length);
    for (const twin of work.twins.values()) this.twins.set(twin);
    let i = 0;
    for (const p of batch) if (p.kind === 'message') p.resolve(results[i++]!);
    for (const state of work.twins.values()) this.events.publish({ tenantId: state.tenantId, tankId: state.tankId, state });
  }
}
