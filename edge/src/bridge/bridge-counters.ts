import { counter, gauge } from '@hearth/platform';

/** Counts kept per bridge; `snapshot()` is the status, Prometheus gets the same through the shared registry. */
export interface CounterSnapshot {
  /** Tank readings taken from field devices (one per tank and poll). */
  readings: number;
  /** Readings appended to the journal while the broker was unreachable. */
  buffered: number;
  /** PUBLISH packets sent, replays included. */
  published: number;
  /** PUBLISH packets sent for readings taken before the current connection came up. */
  replayed: number;
  /** PUBACKs received: readings stored by Hearth and removed from the journal. */
  acked: number;
  /** Readings lost to the journal's size bound (oldest first). */
  dropped: number;
  /** Answers that arrived but failed their checks, by `driver:reason` (checksum, crc, truncated, field-count…). */
  corruptFrames: Record<string, number>;
  /** Reads that gave no answer, by `driver:reason` (timeout, exception, port-unavailable…). */
  readFailures: Record<string, number>;
  /** Values outside the contract (negative level, NaN…) left out of a sample, by metric. */
  rejectedValues: Record<string, number>;
  connects: number;
  disconnects: number;
}

const prom = {
  readings: counter('hearth_edge_readings_total', 'Tank readings taken from field devices', ['device']),
  buffered: counter('hearth_edge_buffered_total', 'Readings journaled while the broker was unreachable'),
  published: counter('hearth_edge_published_total', 'PUBLISH packets sent (replays included)'),
  replayed: counter('hearth_edge_replayed_total', 'PUBLISH packets sent for readings taken before the current connection'),
  acked: counter('hearth_edge_acked_total', 'PUBACKs received (stored in Hearth)'),
  dropped: counter('hearth_edge_dropped_total', 'Readings dropped because the journal was full'),
  corruptFrames: counter('hearth_edge_corrupt_frames_total', 'Device answers refused by their checks', ['driver', 'reason']),
  readFailures: counter('hearth_edge_read_failures_total', 'Device reads without a usable answer', ['driver', 'reason']),
  rejectedValues: counter('hearth_edge_rejected_values_total', 'Values outside the telemetry contract', ['metric']),
  connects: counter('hearth_edge_connects_total', 'MQTT connections established'),
  disconnects: counter('hearth_edge_disconnects_total', 'MQTT connections lost'),
  pending: gauge('hearth_edge_journal_pending', 'Readings in the journal awaiting PUBACK'),
  connected: gauge('hearth_edge_connected', '1 while connected to the broker'),
};

export class BridgeCounters {
  private readonly counts: CounterSnapshot = {
    readings: 0,
    buffered: 0,
    published: 0,
    replayed: 0,
    acked: 0,
    dropped: 0,
    corruptFrames: {},
    readFailures: {},
    rejectedValues: {},
    connects: 0,
    disconnects: 0,
  };

  reading(deviceId: string): void {
    this.counts.readings++;
    prom.readings.inc({ device: deviceId });
  }

  add(name: 'buffered' | 'published' | 'replayed' | 'acked' | 'dropped' | 'connects' | 'disconnects', n = 1): void {
    this.counts[name] += n;
    prom[name].inc(n);
  }

  readFailure(kind: 'corruptFrames' | 'readFailures', driver: string, reason: string): void {
    const key = `${driver}:${reason}`;
    this.counts[kind][key] = (this.counts[kind][key] ?? 0) + 1;
    prom[kind].inc({ driver, reason });
  }

  rejectedValue(metric: string): void {
    this.counts.rejectedValues[metric] = (this.counts.rejectedValues[metric] ?? 0) + 1;
    prom.rejectedValues.inc({ metric });
  }

  gauges(pending: number, connected: boolean): void {
    prom.pending.set(pending);
    prom.connected.set(connected ? 1 : 0);
  }

  snapshot(): CounterSnapshot {
    return structuredClone(this.counts);
  }
}
