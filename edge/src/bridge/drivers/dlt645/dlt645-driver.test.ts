import { createLogger } from '@hearth/platform';
import { waitUntil } from '@hearth/testkit/eventually';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockNullModem } from '../../../serial/mock-null-modem';
import { Dlt645MeterSimulator, type Dlt645MeterSimulatorOptions } from '../../../simulator/meter-dlt645';
import type { SimulatedMeterSpec } from '../../../simulator/meter-state';
import { settings8N1 } from '../../../serial/open-serial-port';
import { BridgeCounters } from '../../bridge-counters';
import { validateSiteConfig } from '../../config/load-site-config';
import type { Dlt645DeviceConfig } from '../../config/site-config.schema';
import { PortPoller } from '../../polling/port-poller';
import { ReaderHealth } from '../../polling/reader-health';
import { functionCode } from './dlt645-frame';
import { createDlt645Driver } from './dlt645-driver';
import type { MeterChannel } from './meter-controller';
import { SiteMeters } from './site-meters';

// The driver against simulated DL/T 645 meters over a binding-mock null modem, polled by the bridge's
// own poller and counted by its own counters; what it publishes is collected instead of journaled.
const logger = createLogger('dlt645-test', 'silent');
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const shop = '123456789012';
const prepaid = '000000000161';
type Published = { deviceId: string; channel: MeterChannel; body: Record<string, unknown> };

async function startMeterLine(
  options: { pollIntervalMs?: number; sim?: Partial<Dlt645MeterSimulatorOptions>; meters?: SimulatedMeterSpec[]; onPublish?: (p: Published) => void } = {},
) {
  const { binding, paths } = createMockNullModem();
  const line = settings8N1(paths[1], 2400);
  const sim = await Dlt645MeterSimulator.start({
    line,
    binding,
    meters: options.meters ?? [
      { address: shop, registerKwh: 12_345.67, loadProfile: { kind: 'constant', kw: 36_000 }, password: { level: 2, code: '123456' } },
      { address: prepaid, registerKwh: 0.26, remainingMoneyMinor: 5_000, unitPriceE4: 5_283, loadProfile: { kind: 'constant', kw: 0 } },
    ],
    tickMs: 50,
    buttonPressMs: [100, 200],
    ...options.sim,
  });
  const config = validateSiteConfig({
    gatewayId: 'mall-gw',
    secret: 's',
    broker: { url: 'mqtt://127.0.0.1:1' },
    buffer: { dir: '/tmp' },
    ports: { meters: { path: paths[0], baudRate: 2400, parity: 'even' } },
    devices: [
      { driver: 'dlt645', port: 'meters', address: shop, deviceId: 'meter-shop', password: { level: 2, code: '123456' }, operator: '12345678' },
      { driver: 'dlt645', port: 'meters', address: prepaid, deviceId: 'meter-prepaid', remainingMoney: true, password: { level: 2, code: '000000' } },
    ].map((d) => ({ ...d, pollIntervalMs: options.pollIntervalMs ?? 1_000, responseTimeoutMs: 300 })),
  });
  const devices = config.devices as Dlt645DeviceConfig[];
  const published: Published[] = [];
  const publish = (deviceId: string, channel: MeterChannel, body: Record<string, unknown>) => {
    published.push({ deviceId, channel, body });
    options.onPublish?.({ deviceId, channel, body });
  };
  const meters = new SiteMeters({ devices, publish, logger, now: () => new Date() });
  const counters = new BridgeCounters();
  const health = new ReaderHealth(logger, counters);
  const poller = new PortPoller({
    name: 'meters',
    logger,
    open: () => createDlt645Driver(meters).openLine({ name: 'meters', settings: config.ports.meters!, logger, binding }, devices),
    onReadings: (reader) => health.succeeded('meters', reader),
    onFailure: (reader, failure) => health.failed('meters', 'dlt645', reader, failure),
  });
  poller.start();
  stops.push(async () => {
    await poller.stop();
    await sim.stop();
  });
  const telemetry = (deviceId: string) => published.filter((p) => p.deviceId === deviceId && p.channel === 'telemetry').map((p) => p.body);
  const acks = (deviceId: string) => published.filter((p) => p.deviceId === deviceId && p.channel === 'command/ack').map((p) => p.body);
  const command = (deviceId: string, payload: Record<string, unknown>) => meters.commands.onCommand({ kind: 'meter', deviceId, payload });
  return { sim, counters, telemetry, acks, command };
}

describe('DL/T 645 driver with simulated meters', () => {
  it('polls each meter by its address: register, remaining money where configured, relay', async () => {
    const { sim, telemetry } = await startMeterLine();
    await waitUntil('both meters are read', () => telemetry('meter-shop').length > 0 && telemetry('meter-prepaid').length > 0);
    expect(telemetry('meter-prepaid')[0]).toEqual({ registerKwh: 0.26, remainingMoneyMinor: 5_000, relay: 'CLOSED' });
    const first = telemetry('meter-shop')[0]!;
    expect(first).toEqual({ registerKwh: expect.any(Number), relay: 'CLOSED' });
    expect(first.registerKwh as number).toBeGreaterThanOrEqual(12_345.67);
    // 36 MW (ten kWh a second, a test's load): the register grows between polls.
    await waitUntil('a later reading is higher', () => (telemetry('meter-shop').at(-1)!.registerKwh as number) > (first.registerKwh as number));
    expect(sim.answered[functionCode.read]).toBeGreaterThanOrEqual(5);
  });

  it('trips a meter at once on TRIP (not at its next poll), acks it and reports the relay open', async () => {
    const { sim, telemetry, acks, command } = await startMeterLine({ pollIntervalMs: 60_000 });
    await waitUntil('the first poll', () => telemetry('meter-shop').length === 1);
    command('meter-shop', { id: 'cmd-1', action: 'TRIP', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await waitUntil('the trip is acked', () => acks('meter-shop').length === 1, 3_000);
    expect(acks('meter-shop')).toEqual([{ id: 'cmd-1', status: 'done' }]);
    expect(sim.meter(shop).relay).toBe('OPEN');
    await waitUntil('telemetry after the command', () => telemetry('meter-shop').length === 2);
    expect(telemetry('meter-shop')[1]).toMatchObject({ relay: 'OPEN' });
    // No current flows through an open relay: the register stands still.
    const register = sim.meter(shop).registerHundredths;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sim.meter(shop).registerHundredths).toBe(register);
    // Delivered twice (QoS 1): carried out once.
    command('meter-shop', { id: 'cmd-1', action: 'TRIP' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.answered[functionCode.relayControl]).toBe(1);
  });

  it('carries out a command that arrives while its meter is on the bus right after, not at the next poll', async () => {
    let command: ((deviceId: string, payload: Record<string, unknown>) => void) | undefined;
    // The second command arrives while the first one's poll is still reading the meter.
    const onPublish = (p: Published) => p.body.id === 'cmd-a' && command?.('meter-shop', { id: 'cmd-b', action: 'CLOSE' });
    const line = await startMeterLine({ pollIntervalMs: 60_000, onPublish });
    command = line.command;
    await waitUntil('the first poll', () => line.telemetry('meter-shop').length === 1);
    line.command('meter-shop', { id: 'cmd-a', action: 'TRIP' });
    await waitUntil('both commands acked', () => line.acks('meter-shop').length === 2, 3_000);
    expect(line.acks('meter-shop')).toEqual([
      { id: 'cmd-a', status: 'done' },
      { id: 'cmd-b', status: 'done' },
    ]);
    expect(line.sim.meter(shop).relay).toBe('CLOSED');
  });

  it('allows closing: the relay stays open until the user presses the button, READ_RELAY then reports it closed', async () => {
    const { sim, telemetry, acks, command } = await startMeterLine({ pollIntervalMs: 60_000 });
    sim.meter(shop).relay = 'OPEN';
    await waitUntil('the first poll', () => telemetry('meter-shop').length === 1);
    expect(telemetry('meter-shop')[0]).toMatchObject({ relay: 'OPEN' });
    command('meter-shop', { id: 'cmd-2', action: 'ALLOW_CLOSE' });
    await waitUntil('acked', () => acks('meter-shop').length === 1, 3_000);
    expect(acks('meter-shop')[0]).toEqual({ id: 'cmd-2', status: 'done' });
    expect(telemetry('meter-shop')[1]).toMatchObject({ relay: 'OPEN' });
    await waitUntil('the user pressed the button', () => sim.meter(shop).relay === 'CLOSED', 3_000);
    command('meter-shop', { id: 'cmd-3', action: 'READ_RELAY' });
    await waitUntil('READ_RELAY is answered', () => acks('meter-shop').length === 2, 3_000);
    expect(acks('meter-shop')[1]).toEqual({ id: 'cmd-3', status: 'done' });
    expect(telemetry('meter-shop').at(-1)).toMatchObject({ relay: 'CLOSED' });
  });

  it('rejects what the meter refuses (a wrong password), expired commands and meters without a password', async () => {
    const { sim, acks, command, telemetry } = await startMeterLine({ pollIntervalMs: 60_000 });
    sim.meter(prepaid).password.code = '999999';
    await waitUntil('the first polls', () => telemetry('meter-prepaid').length === 1 && telemetry('meter-shop').length === 1);
    command('meter-prepaid', { id: 'cmd-4', action: 'TRIP' });
    command('meter-shop', { id: 'cmd-5', action: 'TRIP', expiresAt: new Date(Date.now() - 1_000).toISOString() });
    command('meter-shop', { id: 'cmd-6', action: 'OPEN_VALVE' });
    await waitUntil('the refusal', () => acks('meter-prepaid').length === 1, 3_000);
    expect(acks('meter-prepaid')[0]).toMatchObject({ id: 'cmd-4', status: 'rejected', reason: expect.stringContaining('wrong password') });
    expect(sim.meter(prepaid).relay).toBe('CLOSED');
    expect(acks('meter-shop')).toEqual([
      { id: 'cmd-5', status: 'rejected', reason: expect.stringContaining('expired') },
      { id: 'cmd-6', status: 'rejected', reason: expect.stringContaining('action') },
    ]);
  });

  it('sends a relay command once even when its answer is lost, and reads the relay back', async () => {
    const { sim, acks, command, telemetry, counters } = await startMeterLine({ pollIntervalMs: 60_000 });
    await waitUntil('the first poll', () => telemetry('meter-shop').length === 1);
    sim.injectFault(shop, 'silence');
    command('meter-shop', { id: 'cmd-7', action: 'TRIP' });
    await waitUntil('acked', () => acks('meter-shop').length === 1, 3_000);
    expect(acks('meter-shop')[0]).toMatchObject({ id: 'cmd-7', status: 'rejected', reason: expect.stringContaining('timeout') });
    // The meter did trip ("ghost success"): the read-back says so.
    await waitUntil('the relay read back', () => telemetry('meter-shop').length === 2);
    expect(telemetry('meter-shop')[1]).toMatchObject({ relay: 'OPEN' });
    expect(sim.answered[functionCode.relayControl]).toBe(1);
    expect(counters.snapshot().readFailures['dlt645:timeout']).toBe(1);
  });

  it('refuses corrupt answers, counting them by reason, and publishes nothing from them', async () => {
    const started = Date.now();
    const { sim, telemetry, counters } = await startMeterLine({ meters: [{ address: shop, registerKwh: 1 }] });
    await waitUntil('the first poll', () => telemetry('meter-shop').length === 1);
    for (const fault of ['checksum', 'end', 'length'] as const) sim.injectFault(shop, fault);
    await waitUntil(
      'three corrupt answers counted',
      () => {
        const corrupt = counters.snapshot().corruptFrames;
        return corrupt['dlt645:checksum'] === 1 && corrupt['dlt645:end'] === 1 && corrupt['dlt645:length'] === 1;
      },
      8_000,
    );
    await waitUntil('a good answer again', () => telemetry('meter-shop').length === 2, 5_000);
    // The prepaid meter is not on this line: its address goes unanswered, asked again at each poll (1 s), never in a burst.
    const timeouts = counters.snapshot().readFailures['dlt645:timeout']!;
    expect(timeouts).toBeGreaterThanOrEqual(2);
    expect(timeouts).toBeLessThanOrEqual((Date.now() - started) / 1_000 + 1);
  });

  it('reassembles an answer that arrives in pieces', async () => {
    const { telemetry } = await startMeterLine({ sim: { answerInPieces: true } });
    await waitUntil('read in pieces', () => telemetry('meter-prepaid').length > 0);
    expect(telemetry('meter-prepaid')[0]).toEqual({ registerKwh: 0.26, remainingMoneyMinor: 5_000, relay: 'CLOSED' });
  });
});
