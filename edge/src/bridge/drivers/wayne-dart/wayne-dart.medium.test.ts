import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@hearth/platform';
import { eventually, waitUntil } from '@hearth/testkit/eventually';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMockNullModem } from '../../../serial/mock-null-modem';
import { settings8N1 } from '../../../serial/open-serial-port';
import { DartPumpSimulator } from '../../../simulator/serial/dart-pump-simulator';
import { startRecordingBroker, type RecordingBroker } from '../../../testing/recording-broker';
import { TcpProxy } from '../../../testing/tcp-proxy';
import { validateSiteConfig } from '../../config/load-site-config';
import { EdgeBridge } from '../../edge-bridge';

// The bridge as a forecourt controller: a simulated Wayne pump on a binding-mock null modem, Hearth's
// real broker behind a TCP proxy (to cut it), commands sent through the broker's downlink, and what
// the broker stored recorded by its sink.
const pumpId = 'pump-dart-1';
let hearth: RecordingBroker;
let proxy: TcpProxy;
let pump: DartPumpSimulator;
let bridge: EdgeBridge;

beforeAll(async () => {
  hearth = await startRecordingBroker([{ kind: 'pump', id: pumpId }]);
  const gateway = hearth.gateway;
  proxy = await TcpProxy.start(Number(new URL(hearth.url).port));
  const { binding, paths } = createMockNullModem();
  pump = await DartPumpSimulator.start({
    line: settings8N1(paths[1]),
    binding,
    address: 0x51,
    nozzles: [{ nozzle: 1, grade: '92', unitPriceMinor: 768, totalCl: 500_000 }],
  });
  const config = validateSiteConfig({
    gatewayId: gateway.id,
    secret: gateway.secret,
    broker: { url: proxy.url, reconnectMinMs: 100, reconnectMaxMs: 500 },
    buffer: { dir: await mkdtemp(join(tmpdir(), 'bridge-pump-')), fsync: 'never' },
    status: { logIntervalSeconds: 0 },
    ports: { forecourt: { path: paths[0], baudRate: 9600 } },
    devices: [
      { driver: 'wayne-dart', port: 'forecourt', address: 0x51, deviceId: pumpId, nozzles: { '1': '92' }, pollIntervalMs: 50, telemetryIntervalMs: 250 },
    ],
  });
  bridge = await EdgeBridge.start({ config, logger: createLogger('bridge-pump-test', 'silent'), binding });
});
afterAll(async () => {
  await bridge?.stop(1_000);
  await pump?.stop();
  await proxy?.close();
  await hearth?.close();
});

const stored = (channel: 'telemetry' | 'event' | 'command/ack') => hearth.samples.filter((s) => s.deviceId === pumpId && s.channel === channel);
const events = (type: string) =>
  stored('event')
    .filter((s) => s.values.type === type)
    .map((s) => s.values);

async function command(id: string, payload: Record<string, unknown>): Promise<void> {
  const { downlink } = hearth.broker;
  await waitUntil('the bridge subscribes to its pump', () => downlink.canReceive(hearth.gateway.id, 'pump', pumpId), 10_000);
  expect(await downlink.send({ gatewayId: hearth.gateway.id, kind: 'pump', deviceId: pumpId, id, payload: { id, ...payload } })).toBe('sent');
  await waitUntil(`the pump answered ${id}`, () => stored('command/ack').some((a) => a.values.id === id && a.values.status !== 'accepted'), 10_000);
}

/** Nozzle 1 up with a card: its AUTH_REQUEST reaches Hearth. */
async function cardAtNozzle(cardNumber: string, requestsBefore: number): Promise<void> {
  pump.liftNozzle(1, cardNumber);
  const requests = await eventually(
    'the AUTH_REQUEST is stored',
    () => (events('AUTH_REQUEST').length > requestsBefore ? events('AUTH_REQUEST') : undefined),
    10_000,
  );
  expect(requests.at(-1)).toEqual({ type: 'AUTH_REQUEST', cardNumber, nozzle: 1 });
}

const sales = () => events('TRANSACTION');

it('authorises a card, fuels to the preset with running telemetry, and reports sales whose totals follow on', async () => {
  await cardAtNozzle('8800111122223333', 0);
  await command('auth-1', { action: 'AUTHORIZE', limitMinor: 1_000, reason: null });
  await waitUntil('the first sale is stored', () => sales().length === 1, 20_000);
  const fuelling = stored('telemetry').filter((r) => r.values.state === 'FUELLING');
  expect(fuelling.length).toBeGreaterThan(0);
  expect(fuelling.some((r) => Number(r.values.volumeMl) > 0 && Number(r.values.volumeMl) < 1300)).toBe(true);
  const [first] = sales();
  expect(first).toMatchObject({
    counter: 1,
    cardNumber: '8800111122223333',
    volumeMl: 1300,
    amountMinor: 998,
    unitPriceMinor: 768,
    totalizerStartMl: 5_000_000,
  });
  pump.hangUpNozzle();

  await cardAtNozzle('8800444455556666', 1);
  await command('auth-2', { action: 'AUTHORIZE', limitMinor: 500, reason: null });
  await waitUntil('the second sale is stored', () => sales().length === 2, 20_000);
  const second = sales()[1]!;
  // No fuel left the pump between the two sales: the second starts where the first ended.
  expect(second).toMatchObject({ counter: 2, cardNumber: '8800444455556666', totalizerStartMl: first!.totalizerEndMl });
  pump.hangUpNozzle();
});

it('leaves the pump idle when Hearth refuses the card', async () => {
  await cardAtNozzle('8800000000000000', 2);
  await command('refuse-1', { action: 'REFUSE', limitMinor: 0, reason: 'card reported lost' });
  await waitUntil('the pump reports itself idle again', () => stored('telemetry').at(-1)?.values.state === 'IDLE', 10_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(pump.dispenser.status).toBe(1); // DART RESET: not authorised
  expect(pump.dispenser.volumeCl).toBe(0);
  pump.hangUpNozzle();
});

it('publishes a sale made while Hearth was unreachable once it is back, once', async () => {
  await cardAtNozzle('8800777788889999', 3);
  await command('auth-3', { action: 'AUTHORIZE', limitMinor: 1_500, reason: null });
  await waitUntil('fuel flows', () => pump.dispenser.volumeCl > 0, 10_000);
  await proxy.partition(0, 0);
  await waitUntil('the sale ends and is journaled while offline', () => pump.dispenser.status === 1 && bridge.status().pending > 0, 20_000);
  expect(bridge.status().connected).toBe(false);
  expect(sales()).toHaveLength(2);

  proxy.heal();
  await waitUntil('the journal is delivered', () => bridge.status().connected && bridge.status().pending === 0, 30_000);
  const all = sales();
  expect(all.map((s) => s.counter)).toEqual([1, 2, 3]);
  expect(all[2]).toMatchObject({ cardNumber: '8800777788889999', totalizerStartMl: all[1]!.totalizerEndMl });
});
