import type { DeviceKind, DeviceMessage, GatewayStatus, MessageSink, SinkResult } from '@hearth/broker';
import { counter, histogram } from '@hearth/platform';
import type { Database, Queryable } from '@hearth/platform/db';
import type { Logger } from 'pino';
import { handleCommandAck, withdrawRejected } from '../handlers/command-ack';
import { viewOfChange, type AlarmView } from '../alarms/alarm-events';
import type { PeerChanges } from '../instances/peer-instances';
import type { DeviceTwin } from '../kinds/twin-kind';
import { handleGatewayStatus } from '../handlers/gateway-status';
import { saveAlarmChanges } from '../store/alarm-store';
import { applyCommandAcks } from '../store/command-store';
import { insertDeviceMessages } from '../store/device-message-store';
import { saveGatewayTwins } from '../store/gateway-twin-store';
import type { GatewayTwinState } from '../model/gateway-twin';
import { TwinBatch, type CommittedTwins } from './twin-batch';

/** Work on twins outside the message flow (desired state, staleness, expiry): runs in its own transaction. */
export type TwinTask<T> = (tx: Queryable, batch: TwinBatch) => Promise<T>;

type Pending =
  | { kind: 'message'; message: DeviceMessage; resolve: (r: SinkResult) => void; reject: (e: Error) => void }
  | { kind: 'status'; status: GatewayStatus }
  | { kind: 'task'; task: TwinTask<unknown>; resolve: (r: unknown) => void; reject: (e: Error) => void }
  | { kind: 'peer'; changes: PeerChanges };

const batchSize = histogram('hearth_ingest_batch_samples', 'Samples written per ingest transaction', [], [1, 10, 100, 500, 1000, 5000]);
const commitSeconds = histogram('hearth_ingest_commit_seconds', 'Time to commit one ingest batch', [], [0.001, 0.005, 0.02, 0.1, 0.5, 2]);
const failures = counter('hearth_ingest_batch_failures_total', 'Ingest batches that failed to commit (their messages were not acknowledged)');

/**
 * A gateway's last-seen time moves with each of its messages, but its stored copy only serves a
 * restart (it is shown until the gateway reconnects; connectivity follows live connections). So
 * while nothing else about a gateway changes, that time is written once per period of this length
 * (in receive time) instead of rewriting every gateway in every batch; the twin in memory keeps it
 * exact.
 */
const LAST_SEEN_WRITE_EVERY_MS = 10_000;

/**
 * The pipeline waits for the embedded session in a lane of its own: its commits are what devices'
 * PUBACKs and live events wait for, so a flood of requests does not queue them (`SessionLane`).
 */
const DEVICE_DATA = { lane: 'ingest' } as const;

/**
 * The one writer of twins. Device messages and gateway statuses are written as a group commit:
 * one batch at a time in one transaction, and whatever arrives meanwhile forms the next batch. A
 * message's promise resolves (and its PUBACK goes out) only after its batch committed; twins in
 * memory and subscribers see a change only after that too. Tasks (operators' desired state, the
 * connectivity monitor, command expiry) take their turn in the same queue, each in a transaction
 * of its own, so a task that fails never costs a device message its acknowledgement.
 */
export class IngestPipeline implements MessageSink {
  private queue: Pending[] = [];
  private flushing?: Promise<void>;
  /** The last-seen time last written, per gateway. */
  private readonly lastSeenWritten = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly committed: CommittedTwins,
    private readonly logger: Logger,
    private readonly maxBatchSamples = 5000,
  ) {}

  accept(message: DeviceMessage): Promise<SinkResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'message', message, resolve, reject });
      this.schedule();
    });
  }

  gatewayStatus(status: GatewayStatus): void {
    this.queue.push({ kind: 'status', status });
    this.schedule();
  }

  /** Runs `task` in its turn; resolves with its result after its changes are committed. */
  run<T>(task: TwinTask<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ kind: 'task', task, resolve: resolve as (r: unknown) => void, reject });
      this.schedule();
    });
  }

  /**
   * What another twins instance committed (ADR 0014), applied to the twins in memory in its turn
   * (never between a batch's read of a twin and its commit) and passed to subscribers. A change
   * older than the twin in memory (a lower version) is dropped: the holder's own is newer.
   */
  applyPeerChanges(changes: PeerChanges): void {
    this.queue.push({ kind: 'peer', changes });
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
      while (this.queue.length > 0) {
        const next = this.queue[0]!.kind;
        if (next === 'peer') this.applyPeer();
        else await (next === 'task' ? this.flushTask() : this.flushMessages());
      }
    })().finally(() => {
      this.flushing = undefined;
      // A message accepted after the loop found the queue empty, but before this ran, found a flush
      // still going and scheduled nothing: without this its PUBACK waited for the next message.
      if (this.queue.length > 0) this.schedule();
    });
  }

  private takeMessages(): Extract<Pending, { kind: 'message' | 'status' }>[] {
    let samples = 0;
    let n = 0;
    while (n < this.queue.length && samples < this.maxBatchSamples) {
      const p = this.queue[n]!;
      if (p.kind === 'task' || p.kind === 'peer') break;
      if (p.kind === 'message') samples += p.message.samples.length;
      n++;
    }
    return this.queue.splice(0, n) as Extract<Pending, { kind: 'message' | 'status' }>[];
  }

  private async flushMessages(): Promise<void> {
    const items = this.takeMessages();
    const batch = new TwinBatch(this.committed);
    const results: SinkResult[] = [];
    const raw: { index: number; message: DeviceMessage }[] = [];
    for (const p of items) {
      if (p.kind === 'status') {
        handleGatewayStatus(p.status, batch);
        continue;
      }
      const { message } = p;
      batch.heardFrom(message.gatewayId, message.receivedAt);
      const kind = this.committed.kinds.get(message.kind);
      const handle = message.channel === 'command/ack' ? undefined : kind?.handlers[message.channel];
      if (kind && handle) {
        results.push(handle(message, batch.of(kind)));
      } else if (message.channel === 'command/ack') {
        handleCommandAck(message, results.length, batch);
        results.push({ stored: 0, duplicates: 0 });
      } else {
        // Stored as sent until a handler models it; its result is filled in after the insert.
        raw.push({ index: results.length, message });
        results.push({ stored: 0, duplicates: 0 });
      }
    }
    const seen = batch.seenGateways();
    // Periods aligned to the clock, so the gateways fall due together and go in one statement.
    const period = (ms: number) => Math.floor(ms / LAST_SEEN_WRITE_EVERY_MS);
    const seenDue = seen.filter((t) => period(t.lastSeenAt!.getTime()) > period(this.lastSeenWritten.get(t.gatewayId) ?? -Infinity));
    const started = performance.now();
    let changed: ChangedKinds = [];
    try {
      await this.db.transaction(async (tx) => {
        // Which acknowledged commands apply decides the twins' desired state, so those go first.
        const applied = await applyCommandAcks(tx, batch.acks);
        for (const ack of batch.acks) if (applied.has(ack.commandId)) results[ack.message]!.stored++;
        withdrawRejected(batch, applied);
        // One statement for the whole batch; each message still gets its own new/duplicate count.
        const messages = raw.map((r) => r.message);
        let stored: number[];
        [stored, changed] = await Promise.all([insertDeviceMessages(tx, messages), saveBatch(tx, batch, seenDue)]);
        for (const [i, r] of raw.entries()) results[r.index] = { stored: stored[i]!, duplicates: r.message.samples.length - stored[i]! };
      }, DEVICE_DATA);
    } catch (err) {
      failures.inc();
      this.logger.error({ err, messages: items.length }, 'ingest batch failed; its messages stay unacknowledged');
      for (const p of items) if (p.kind === 'message') p.reject(err as Error);
      return;
    }
    commitSeconds.observe((performance.now() - started) / 1000);
    batchSize.observe(changed.reduce((rows, kind) => rows + kind.rows.length, 0));
    this.publish(batch, changed, seen);
    for (const twin of seenDue) this.lastSeenWritten.set(twin.gatewayId, twin.lastSeenAt!.getTime());
    let i = 0;
    for (const p of items) if (p.kind === 'message') p.resolve(results[i++]!);
  }

  private async flushTask(): Promise<void> {
    const p = this.queue.shift() as Extract<Pending, { kind: 'task' }>;
    const batch = new TwinBatch(this.committed);
    let result: unknown;
    let changed: ChangedKinds = [];
    try {
      result = await this.db.transaction(async (tx) => {
        const value = await p.task(tx, batch);
        changed = await saveBatch(tx, batch);
        return value;
      }, DEVICE_DATA);
    } catch (err) {
      return p.reject(err as Error);
    }
    this.publish(batch, changed);
    p.resolve(result);
  }

  /** After commit: the twins in memory move on, then subscribers hear of it. */
  private publish(batch: TwinBatch, changed: ChangedKinds, seen: GatewayTwinState[] = []): void {
    for (const twin of batch.changedGateways()) {
      this.committed.gateways.set(twin);
      this.lastSeenWritten.set(twin.gatewayId, twin.lastSeenAt?.getTime() ?? -Infinity);
    }
    for (const twin of seen) this.committed.gateways.set(twin);
    for (const { kind, twins } of changed) {
      for (const twin of twins) kind.twins.set(twin);
      kind.publish(twins);
    }
    const alarms = batch.alarms.map(viewOfChange);
    if (alarms.length > 0) this.committed.alarms?.publish(alarms);
    const gateways = batch.changedGateways();
    if (gateways.length + changed.length + alarms.length > 0)
      this.committed.peers?.send({ gateways, kinds: changed.map(({ kind, twins }) => ({ kind: kind.kind, twins })), alarms });
  }

  private applyPeer(): void {
    const { changes } = this.queue.shift() as Extract<Pending, { kind: 'peer' }>;
    for (const twin of changes.gateways as GatewayTwinState[]) {
      const local = this.committed.gateways.get(twin.gatewayId);
      // Equal versions: two instances moved the same gateway at once; a connection beats a disconnection.
      if (!local || twin.version > local.version || (twin.version === local.version && twin.online && !local.online)) this.committed.gateways.set(twin);
    }
    for (const { kind: name, twins } of changes.kinds) {
      const kind = this.committed.kinds.get(name as DeviceKind);
      if (!kind) continue;
      const newer = (twins as DeviceTwin[]).filter((twin) => (kind.twins.get(kind.idOf(twin))?.version ?? -1) < twin.version);
      for (const twin of newer) kind.twins.set(twin);
      if (newer.length > 0) kind.publish(newer, 'peer');
    }
    if (changes.alarms.length > 0) this.committed.alarms?.publish(changes.alarms as AlarmView[]);
  }
}

type ChangedKinds = ReturnType<TwinBatch['changedKinds']>;

/**
 * Writes what the batch changed; `seenDue`: gateways whose last-seen time alone is due to be written
 * too. The writes are independent, so they are sent together and run in order (`Queryable`).
 * Returns the kinds' changes it wrote, for publishing after the commit.
 */
async function saveBatch(tx: Queryable, batch: TwinBatch, seenDue: GatewayTwinState[] = []): Promise<ChangedKinds> {
  const changed = batch.changedKinds();
  await Promise.all([
    ...changed.map(({ kind, twins, rows }) => kind.save(tx, twins, rows)),
    saveGatewayTwins(tx, [...batch.changedGateways(), ...seenDue]),
    saveAlarmChanges(tx, batch.alarms),
  ]);
  return changed;
}
