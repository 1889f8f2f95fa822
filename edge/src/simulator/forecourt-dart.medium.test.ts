import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@hearth/platform';
import { waitUntil } from '@hearth/testkit/eventually';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRecordingBroker, type RecordingBroker } from '../testing/recording-broker';
import { DartForecourt } from './forecourt-dart';

// The demo's DART station: customers at a simulated Wayne pump on a mock null modem, the edge
// bridge as its controller, Hearth's real broker, and a fake card host answering card reads.
const pumpId = 'fuel-pump-d1';
let hearth: RecordingBroker;
let station: DartForecourt;
let host: NodeJS.Timeout;
const answered = new Set<number>();

const events = (type: string) => hearth.samples.filter((s) => s.deviceId === pumpId && s.channel === 'event' && s.values.type === type);

beforeAll(async () => {
  hearth = await startRecordingBroker([{ kind: 'pump', id: pumpId }]);
  station = await DartForecourt.start({
    url: hearth.url,
    gatewayId: hearth.gateway.id,
    secret: hearth.gateway.secret,
    pumps: [{ id: pumpId, nozzles: [{ number: 1, gradeCode: '92#' }] }],
    cards: [{ cardNumber: '9100000000000001', kind: 'SUB' }],
    prices: { '92#': 745 },
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
