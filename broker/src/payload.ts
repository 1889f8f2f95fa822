import type { MqttRejectionReason } from '@hearth/platform';
import type { ZodError } from 'zod';
import { valuesSchema } from './metric-schemas';
import type { DeviceKind } from './topics';
import type { DeviceChannel, Sample } from './types';

export interface PayloadLimits {
  /** Largest payload accepted (bytes); larger ones are dropped as MQTT_PAYLOAD_TOO_LARGE. */
  maxPayloadBytes: number;
  /** Most samples in one batch (a JSON array). */
  maxSamplesPerMessage: number;
  /** How far a device clock may run ahead of ours; a sample from the future would pin the twin's "latest". */
  maxClockSkewMs: number;
}

export const defaultPayloadLimits: PayloadLimits = {
  maxPayloadBytes: 256 * 1024,
  maxSamplesPerMessage: 1000,
  maxClockSkewMs: 60 * 60 * 1000,
};

export type PayloadRejection = Extract<MqttRejectionReason, 'MQTT_BAD_JSON' | 'MQTT_SCHEMA_VIOLATION' | 'MQTT_PAYLOAD_TOO_LARGE'>;
export type PayloadResult = { ok: true; samples: Sample[] } | { ok: false; reason: PayloadRejection; detail: string };

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
const utf8 = new TextDecoder('utf-8', { fatal: true });

const reject = (reason: PayloadRejection, detail: string): PayloadResult => ({ ok: false, reason, detail });
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Turns a PUBLISH payload into samples: UTF-8 JSON, one object or an array of objects (DESIGN §3),
 * `ts` (RFC 3339 or epoch ms, optional), `seq` (optional non-negative integer), then flat metrics
 * checked against the kind's schema. The first problem found is the reason; nothing throws.
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
  for (let i = 0; i < items.length; i++) {
    const at = batch ? `[${i}] ` : '';
    const sample = parseSample(items[i] as Record<string, unknown>, ctx);
    if (typeof sample === 'string') return reject('MQTT_SCHEMA_VIOLATION', at + sample);
    samples.push(sample);
  }
  return { ok: true, samples };
}

/** One object to a sample, or a message saying what is wrong with it. */
function parseSample(item: Record<string, unknown>, ctx: PayloadContext): Sample | string {
  const { ts, seq, ...rest } = item;
  const names = Object.keys(rest);
  if (names.length > maxFieldsPerSample) return `has ${names.length} fields; the limit is ${maxFieldsPerSample}`;
  for (const name of names) {
    if (!fieldName.test(name)) return `field name ${JSON.stringify(name.slice(0, 70))} is not an identifier`;
    const type = typeof rest[name];
    if (type !== 'number' && type !== 'string' && type !== 'boolean') return `${name}: values are numbers, strings or booleans (no objects, arrays or null)`;
  }
  if (ctx.channel === 'telemetry' && names.length === 0) return 'carries no metric';

  const time = parseTs(ts, ctx);
  if (typeof time === 'string') return time;
  if (seq !== undefined && !(typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0)) return 'seq: must be a non-negative integer';

  const parsed = valuesSchema(ctx.kind, ctx.channel).safeParse(rest);
  if (!parsed.success) return describe(parsed.error);
  return {
    ts: time ?? ctx.receivedAt,
    tsGiven: time !== undefined,
    ...(seq === undefined ? {} : { seq }),
    values: parsed.data as Sample['values'],
  };
}

function parseTs(ts: unknown, ctx: PayloadContext): Date | undefined | string {
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
  if (ms > ctx.receivedAt.getTime() + ctx.limits.maxClockSkewMs)
    return `ts: more than ${ctx.limits.maxClockSkewMs / 1000} s in the future; check the device clock`;
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
