import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@hearth/platform';
import { waitUntil } from '@hearth/testkit/eventually';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRecordingBroker, type RecordingBroker } from '../testing/recording-broker';
import { DartForecourt } from './forecourt-dart';
import { volumeAt } from './forecourt-gauge';

// The demo's DART station: customers at a simulated Wayne pump on a mock null modem, the edge
// bridge as its controller, Hearth's real broker, and a fake card host answering card reads.
const pumpId = 'fuel-pump-d1';
/** The 92# tank under the station's TLS console, strapped 10 L per mm. */
const tankId = 'tank-d92';
const points = [
  { levelMm: 0, volumeLiters: 0 },
  { levelMm: 3_000, volumeLiters: 30_000 },
];
let hearth: RecordingBroker;
let station: DartForecourt;
let host: NodeJS.Timeout;
const answered = new Set<number>();

const events = (type: string) => hearth.samples.filter((s) => s.deviceId === pumpId && s.channel === 'event' && s.values.type === type);

beforeAll(async () => {
  hearth = await startRecordingBroker([
    { kind: 'pump', id: pumpId },
    { kind: 'tank', id: tankId },
  ]);
  station = await DartForecourt.start({
    url: hearth.url,
    gatewayId: hearth.gateway.id,
    secret: hearth.gateway.secret,
    pumps: [{ id: pumpId, nozzles: [{ number: 1, gradeCode: '92#' }] }],
    cards: [{ cardNumber: '9100000000000001', kind: 'SUB' }],
    prices: { '92#': 745 },
    tanks: [{ id: tankId, gradeCode: '92#', points }],
    gauge: { pollIntervalMs: 500, pace: { noiseMm: 0, leakEveryMs: null } },
    dir: await mkdtemp(join(tmpdir(), 'dart-forecourt-')),
    pace: { saleEveryMs: [200, 300], powerCutEveryMs: null },
    mix: { unknownCardEvery: 0 },
    logger: createLogger('dart-forecourt-test', 'silent'),
  });
  host = setInterval(() => {
    for (const request of events('AUTH_REQUEST')) {
      if (answered.has(request.seq!)) continue;
      answered.add(request.seq!);
      const id = `cmd-${request.seq}`;
      const payload = { id, action: 'AUTHORIZE', limitMinor: 1_000, reason: null, nozzle: request.values.nozzle };
      void hearth.broker.downlink.send({ gatewayId: hearth.gateway.id, kind: 'pump', deviceId: pumpId, id, payload });
    }
  }, 50);
});
afterAll(async () => {
  clearInterval(host);
  await station?.stop();
  await hearth?.close();
});

it('sells through the edge bridge: card reads answered, sales reported under consecutive counters, totals following on', async () => {
  await waitUntil('two sales are reported', () => events('TRANSACTION').length >= 2, 30_000);
  const [first, second] = events('TRANSACTION').map((s) => s.values);
  expect(first).toMatchObject({ counter: 1, cardNumber: '9100000000000001', grade: '92#', unitPriceMinor: 745 });
  expect(first!.amountMinor as number).toBeLessThanOrEqual(1_000);
  expect(second).toMatchObject({ counter: 2, totalizerStartMl: first!.totalizerEndMl });
});

it('gauges the tank through the TLS console the bridge polls: it falls by the litres the pump sold', async () => {
  // Sales and readings reach Hearth in the order the bridge journaled them.
  const soldBefore = (index: number) =>
    hearth.samples
      .slice(0, index)
      .filter((s) => s.deviceId === pumpId && s.channel === 'event' && s.values.type === 'TRANSACTION')
      .reduce((litres, s) => litres + (s.values.volumeMl as number) / 1_000, 0);
  const readings = () => hearth.samples.flatMap((s, index) => (s.deviceId === tankId && s.channel === 'telemetry' ? [{ index, values: s.values }] : []));
  await waitUntil('a reading after two sales', () => soldBefore(readings().at(-1)?.index ?? 0) > 0 && events('TRANSACTION').length >= 2, 30_000);
  const [first, last] = [readings()[0]!, readings().at(-1)!];
  const drop = volumeAt(points, first.values.levelMm as number) - volumeAt(points, last.values.levelMm as number);
  // The first reading is the fresh console's history; the last may also hold some of a sale still flowing (at most 10 yuan: 1.35 L).
  expect(drop).toBeGreaterThanOrEqual(soldBefore(last.index) - 0.05);
  expect(drop).toBeLessThanOrEqual(soldBefore(last.index) + 1.4);
  expect(last.values).toMatchObject({ levelMm: expect.any(Number), temperatureC: expect.any(Number), waterLevelMm: 0 });
});
