import type { MqttRejectionReason } from '@hearth/platform';
import { defaultMetricBounds, type MetricBounds } from '@hearth/platform/domain';
import type { ZodError } from 'zod';
import { valuesSchema, type EventSchemas, type TelemetrySchemas } from './metric-schemas';
import type { DeviceKind } from './topics';
import type { DeviceChannel, Sample } from './types';

export interface PayloadLimits {
  /** Largest payload accepted (bytes); larger ones are dropped as MQTT_PAYLOAD_TOO_LARGE. */
  maxPayloadBytes: number;
  /** Most samples in one batch (a JSON array). */
  maxSamplesPerMessage: number;
  /**
   * How far a device clock may run ahead of ours. A `ts` further ahead is replaced by the receive time
   * and counted as `MQTT_CLOCK_AHEAD` (docs/adr/0008-device-time.md): the reading is kept, the wrong
   * time is not written into history.
   */
  maxClockSkewMs: number;
  /** The physical range of each typed metric, per kind (a value outside is a schema violation). */
  metricBounds: MetricBounds;
  /** Each twin kind's telemetry schema, as the kind hands it over; a kind without one is provisional. */
  telemetry: TelemetrySchemas;
  /** The event schemas of the kinds that model their events; other kinds' events pass as named scalars. */
  events?: EventSchemas;
}

export const defaultPayloadLimits: PayloadLimits = {
  maxPayloadBytes: 256 * 1024,
  maxSamplesPerMessage: 1000,
  maxClockSkewMs: 5 * 60 * 1000,
  metricBounds: defaultMetricBounds,
  telemetry: {},
};

export type PayloadRejection = Extract<MqttRejectionReason, 'MQTT_BAD_JSON' | 'MQTT_SCHEMA_VIOLATION' | 'MQTT_PAYLOAD_TOO_LARGE'>;
/** Something corrected in an accepted payload: counted and recorded per device like a rejection, but nothing is dropped. */
export interface PayloadCorrection {
  reason: Extract<MqttRejectionReason, 'MQTT_CLOCK_AHEAD'>;
  detail: string;
}
export type PayloadResult = { ok: true; samples: Sample[]; corrections: PayloadCorrection[] } | { ok: false; reason: PayloadRejection; detail: string };

export interface PayloadContext {
  kind: DeviceKind;
  channel: DeviceChannel;
  receivedAt: Date;
  limits: PayloadLimits;
}

/** Field names are identifiers: no `__proto__`, no dotted paths, nothing a column or JSON path would choke on. */
const fieldName = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const maxFieldsPerSample = 64;
/** RFC 3339, the ISO-8601 profile with seconds and a zone: a local time without offset is ambiguous. */
const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const earliest = Date.UTC(2000, 0, 1);
const latest = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const utf8 = new TextDecoder('utf-8', { fatal: true });

const reject = (reason: PayloadRejection, detail: string): PayloadResult => ({ ok: false, reason, detail });
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Turns a PUBLISH payload into samples: UTF-8 JSON, one object or an array of objects (DESIGN §3),
 * `ts` (RFC 3339 or epoch ms, optional), `seq` and `boot` (optional non-negative integers), then flat
 * metrics checked against the kind's schema. The first problem found is the reason; nothing throws.
 */
export function parsePayload(payload: Uint8Array | string, ctx: PayloadContext): PayloadResult {
  const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
  if (bytes > ctx.limits.maxPayloadBytes) return reject('MQTT_PAYLOAD_TOO_LARGE', `payload is ${bytes} bytes; the limit is ${ctx.limits.maxPayloadBytes}`);

  let json: unknown;
  try {
    // The MQTT payload is opaque bytes (§3.3.3); our contract makes it UTF-8 JSON, so invalid UTF-8 is refused, not replaced.
    json = JSON.parse(typeof payload === 'string' ? payload : utf8.decode(payload));
  } catch (err) {
    return reject('MQTT_BAD_JSON', err instanceof TypeError ? 'payload is not valid UTF-8' : `payload is not JSON: ${(err as Error).message}`);
  }

  const batch = Array.isArray(json);
  const items: unknown[] = batch ? (json as unknown[]) : [json];
  const notObject = items.findIndex((item) => !isPlainObject(item));
  if (notObject >= 0)
    return reject('MQTT_BAD_JSON', batch ? `batch element ${notObject} is not a JSON object` : 'payload is not a JSON object or an array of objects');
  if (items.length === 0) return reject('MQTT_SCHEMA_VIOLATION', 'the batch is empty');
  if (items.length > ctx.limits.maxSamplesPerMessage)
    return reject('MQTT_PAYLOAD_TOO_LARGE', `batch has ${items.length} samples; the limit is ${ctx.limits.maxSamplesPerMessage}`);

  const samples: Sample[] = [];
  let clockAhead = { count: 0, maxMs: 0 };
  for (let i = 0; i < items.length; i++) {
    const at = batch ? `[${i}] ` : '';
    const sample = parseSample(items[i] as Record<string, unknown>, ctx);
    if (typeof sample === 'string') return reject('MQTT_SCHEMA_VIOLATION', at + sample);
    if (sample.aheadMs !== undefined) clockAhead = { count: clockAhead.count + 1, maxMs: Math.max(clockAhead.maxMs, sample.aheadMs) };
    samples.push(sample.sample);
  }
  const corrections: PayloadCorrection[] =
    clockAhead.count > 0
      ? [
          {
            reason: 'MQTT_CLOCK_AHEAD',
            detail: `${clockAhead.count} sample(s) with ts up to ${Math.round(clockAhead.maxMs / 1000)} s ahead of the server (limit ${ctx.limits.maxClockSkewMs / 1000} s); stored at their receive time — check the device clock`,
          },
        ]
      : [];
  return { ok: true, samples, corrections };
}

const isCounter = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** One object to a sample (and how far its clock ran ahead, when it did), or a message saying what is wrong with it. */
function parseSample(item: Record<string, unknown>, ctx: PayloadContext): { sample: Sample; aheadMs?: number } | string {
  const { ts, seq, boot, ...rest } = item;
  const names = Object.keys(rest);
  if (names.length > maxFieldsPerSample) return `has ${names.length} fields; the limit is ${maxFieldsPerSample}`;
  for (const name of names) {
    if (!fieldName.test(name)) return `field name ${JSON.stringify(name.slice(0, 70))} is not an identifier`;
    const type = typeof rest[name];
    if (type !== 'number' && type !== 'string' && type !== 'boolean') return `${name}: values are numbers, strings or booleans (no objects, arrays or null)`;
  }
  if (ctx.channel === 'telemetry' && names.length === 0) return 'carries no metric';

  const time = parseTs(ts);
  if (typeof time === 'string') return time;
  if (seq !== undefined && !isCounter(seq)) return 'seq: must be a non-negative integer';
  if (boot !== undefined && !isCounter(boot)) return 'boot: must be a non-negative integer';

  const parsed = valuesSchema(ctx.kind, ctx.channel, ctx.limits.metricBounds, ctx.limits.telemetry, ctx.limits.events).safeParse(rest);
  if (!parsed.success) return describe(parsed.error);
  const aheadMs = time === undefined ? 0 : time.getTime() - ctx.receivedAt.getTime();
  const tooFarAhead = aheadMs > ctx.limits.maxClockSkewMs;
  return {
    sample: {
      ts: time === undefined || tooFarAhead ? ctx.receivedAt : time,
      tsGiven: time !== undefined && !tooFarAhead,
      ...(seq === undefined ? {} : { seq }),
      ...(boot === undefined ? {} : { boot }),
      values: parsed.data as Sample['values'],
    },
    ...(tooFarAhead ? { aheadMs } : {}),
  };
}

function parseTs(ts: unknown): Date | undefined | string {
  if (ts === undefined) return undefined;
  let ms: number;
  const parts = typeof ts === 'string' ? rfc3339.exec(ts) : null;
  if (typeof ts === 'number' && Number.isFinite(ts)) {
    ms = ts;
  } else if (parts) {
    const [, y, m, d] = parts;
    // Date.parse rolls 2026-02-30 over into March; a calendar day that does not exist is an error.
    if (new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).getUTCDate() !== Number(d)) return `ts: ${String(ts)} is not a calendar date`;
    ms = Date.parse(parts[0]);
  } else {
    return 'ts: must be an RFC 3339 / ISO-8601 time with zone ("2026-11-21T08:00:00Z") or epoch milliseconds';
  }
  if (Number.isNaN(ms) || ms < earliest) return 'ts: before 2000-01-01 (epoch seconds instead of milliseconds?)';
  // A valid time far in the future is representable but beyond anything a device can mean: 9999-12-31 at most.
  if (ms > latest) return 'ts: after 9999-12-31';
  return new Date(ms);
}

/** The first issues of a zod error, as `field: message` (the detail is stored per device, keep it short). */
function describe(error: ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.join('.');
      const keys = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
      return path ? `${path}: ${keys}` : keys;
    })
    .join('; ');
}
