import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@hearth/platform';
import { waitUntil } from '@hearth/testkit/eventually';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { validateSiteConfig } from '../bridge/config/load-site-config';
import { EdgeBridge } from '../bridge/edge-bridge';
import { startRecordingBroker, type RecordingBroker } from '../testing/recording-broker';
import { startSimulatedMeterLine, type SimulatedMeterLine } from './meter-line';

// A mall's meters as a site wires them: DL/T 645 meters on one RS-485 line and Modbus meters on
// another (binding-mock null modems, in process), the edge bridge polling both from a site file, and
// Hearth's real broker recording what it stores; commands go down through the broker's downlink.
const [shopMeter, prepaidMeter, modbusMeter] = ['meter-b1-023', 'meter-b1-024', 'meter-c2-001'];
const shop = '123456789012';
let hearth: RecordingBroker;
let lines: SimulatedMeterLine[] = [];
let bridge: EdgeBridge;

const of = (deviceId: string, channel: 'telemetry' | 'command/ack') =>
  hearth.samples.filter((s) => s.kind === 'meter' && s.deviceId === deviceId && s.channel === channel).map((s) => s.values);
const send = (deviceId: string, id: string, action: string) =>
  hearth.broker.downlink.send({
    gatewayId: hearth.gateway.id,
    kind: 'meter',
    deviceId,
    id,
    payload: { id, action, desired: { action }, issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 60_000).toISOString() },
  });

beforeAll(async () => {
  hearth = await startRecordingBroker([shopMeter, prepaidMeter, modbusMeter].map((id) => ({ kind: 'meter' as const, id })));
  lines = [
    await startSimulatedMeterLine({
      portName: 'rs485-dlt645',
      meters: [
        { address: shop, deviceId: shopMeter, registerKwh: 1_520.4, loadProfile: { kind: 'constant', kw: 3_600 } },
        { address: '000000000161', deviceId: prepaidMeter, registerKwh: 88, remainingMoneyMinor: 12_000, unitPriceE4: 5_283 },
      ],
      pollIntervalMs: 30_000,
      tickMs: 100,
    }),
    await startSimulatedMeterLine({
      protocol: 'modbus',
      portName: 'rs485-modbus',
      meters: [{ address: '7', deviceId: modbusMeter, registerKwh: 431.5, loadProfile: { kind: 'constant', kw: 3_600 } }],
      pollIntervalMs: 1_000,
      tickMs: 100,
    }),
  ];
  const config = validateSiteConfig({
    gatewayId: hearth.gateway.id,
    secret: hearth.gateway.secret,
    broker: { url: hearth.url },
    buffer: { dir: await mkdtemp(join(tmpdir(), 'meter-bridge-')), fsync: 'never' },
    status: { logIntervalSeconds: 0 },
    ports: Object.assign({}, ...lines.map((l) => l.site.ports)) as Record<string, unknown>,
    modbusModels: Object.assign({}, ...lines.map((l) => l.site.modbusModels)) as Record<string, unknown>,
    devices: lines.flatMap((l) => l.site.devices),
  });
  bridge = await EdgeBridge.start({ config, logger: createLogger('meter-bridge-test', 'silent'), binding: lines[0]!.binding });
});
afterAll(async () => {
  await bridge?.stop(1_000);
  for (const line of lines) await line.close();
  await hearth?.close();
});

it('delivers each meter register to Hearth: DL/T 645 with remaining money and relay, Modbus with its register', async () => {
  await waitUntil('all three meters reported', () => [shopMeter, prepaidMeter, modbusMeter].every((m) => of(m, 'telemetry').length > 0), 10_000);
  expect(of(prepaidMeter, 'telemetry')[0]).toEqual({ registerKwh: 88, remainingMoneyMinor: 12_000, relay: 'CLOSED' });
  expect(of(shopMeter, 'telemetry')[0]).toMatchObject({ registerKwh: expect.closeTo(1_520.4, -1), relay: 'CLOSED' });
  // One kWh a second: the Modbus meter's float register grows poll after poll.
  await waitUntil('the Modbus register grows', () => of(modbusMeter, 'telemetry').length >= 2, 10_000);
  const [first, second] = of(modbusMeter, 'telemetry').map((t) => t.registerKwh as number);
  expect(first).toBeGreaterThanOrEqual(431.5);
  expect(second).toBeGreaterThan(first!);
});

it('trips a meter on a TRIP command over MQTT: 1CH on the line, the relay opens, ack and telemetry say so', async () => {
  await waitUntil('the shop meter reported', () => of(shopMeter, 'telemetry').length > 0, 10_000);
  const reported = of(shopMeter, 'telemetry').length;
  expect(await send(shopMeter, 'trip-1', 'TRIP')).toBe('sent');
  // The meter is polled every 30 s: the command does not wait for that.
  await waitUntil('the trip is acknowledged', () => of(shopMeter, 'command/ack').length === 1, 5_000);
  expect(of(shopMeter, 'command/ack')[0]).toEqual({ id: 'trip-1', status: 'done' });
  expect(lines[0]!.meter(shop).relay).toBe('OPEN');
  expect(lines[0]!.dlt645!.answered[0x1c]).toBe(1);
  await waitUntil('telemetry after the trip', () => of(shopMeter, 'telemetry').length > reported, 5_000);
  expect(of(shopMeter, 'telemetry').at(-1)).toMatchObject({ relay: 'OPEN' });

  // Someone closes the relay at the meter (a bypass): READ_RELAY reports what the meter says.
  lines[0]!.meter(shop).relay = 'CLOSED';
  expect(await send(shopMeter, 'read-1', 'READ_RELAY')).toBe('sent');
  await waitUntil('READ_RELAY is acknowledged', () => of(shopMeter, 'command/ack').length === 2, 5_000);
  expect(of(shopMeter, 'command/ack')[1]).toEqual({ id: 'read-1', status: 'done' });
  expect(of(shopMeter, 'telemetry').at(-1)).toMatchObject({ relay: 'CLOSED' });
  expect(bridge.status().counters.corruptFrames).toEqual({});
});
