import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@hearth/platform';
import { waitUntil } from '@hearth/testkit/eventually';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockNullModem } from '../../../serial/mock-null-modem';
import { settings8N1 } from '../../../serial/open-serial-port';
import { DartPumpSimulator } from '../../../simulator/serial/dart-pump-simulator';
import { validateSiteConfig } from '../../config/load-site-config';
import type { PumpDeviceConfig } from '../../config/site-config.schema';
import type { OpenLine } from '../field-driver';
import { Forecourt } from './forecourt';
import { PumpLedger } from './pump-ledger';
import type { PumpChannel } from './pump-controller';
import { createWayneDartDriver } from './wayne-dart-driver';

// The driver against the simulated pump over a binding-mock null modem, polled in a loop as the
// bridge's poller does; what it publishes is collected instead of journaled.
const logger = createLogger('wayne-dart-test', 'silent');
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

type Published = { channel: PumpChannel; body: Record<string, unknown> };

/** `beforeBridge` plays with the pump before the bridge is on the line (a sale it did not see). */
async function startPumpLine(options: { ledgerDir?: string; beforeBridge?: (pump: DartPumpSimulator) => Promise<void> } = {}) {
  const { binding, paths } = createMockNullModem();
  const pump = await DartPumpSimulator.start({
    line: settings8N1(paths[1]),
    binding,
    address: 0x50,
    nozzles: [
      { nozzle: 1, grade: '92', unitPriceMinor: 768, totalCl: 1_234_500 },
      { nozzle: 2, grade: '95', unitPriceMinor: 821 },
    ],
    litresPerMinute: 120,
  });
  await options.beforeBridge?.(pump);
  const config = validateSiteConfig({
    gatewayId: 'station-gw',
    secret: 's',
    broker: { url: 'mqtt://127.0.0.1:1' },
    buffer: { dir: '/tmp' },
    ports: { forecourt: { path: paths[0], baudRate: 9600 } },
    devices: [{ driver: 'wayne-dart', port: 'forecourt', address: 0x50, deviceId: 'pump-1', nozzles: { '1': '92', '2': '95' }, telemetryIntervalMs: 100 }],
  });
  const device = config.devices[0] as PumpDeviceConfig;
  const published: Published[] = [];
  const dir = options.ledgerDir ?? (await mkdtemp(join(tmpdir(), 'pump-ledger-')));
  const forecourt = new Forecourt({
    devices: [device],
    ledgerDir: dir,
    publish: (_, channel, body) => published.push({ channel, body }),
    logger,
    now: () => new Date(),
  });
  const line: OpenLine = await createWayneDartDriver(forecourt).openLine({ name: 'forecourt', settings: config.ports.forecourt!, logger, binding }, [device]);
  let running = true;
  const loop = (async () => {
    while (running) {
      await line.readers[0]!.read().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const stop = async () => {
    running = false;
    await loop;
    await line.close();
  };
  stops.push(async () => {
    await stop();
    await pump.stop();
  });
  const events = (type: string) => published.filter((p) => p.channel === 'event' && p.body.type === type).map((p) => p.body);
  const acks = () => published.filter((p) => p.channel === 'command/ack').map((p) => p.body);
  const states = () => published.filter((p) => p.channel === 'telemetry').map((p) => p.body.state);
  return { pump, forecourt, published, events, acks, states, dir, stop };
}

describe('Wayne DART driver with a simulated pump', () => {
  it('asks for authorisation at nozzle up with a card, fuels to the preset, reports the sale once', async () => {
    const { pump, forecourt, events, acks, states, published } = await startPumpLine();
    await waitUntil('the pump is idle', () => states().at(-1) === 'IDLE');
    pump.liftNozzle(1, '8800123412341234');
    await waitUntil('AUTH_REQUEST', () => events('AUTH_REQUEST').length === 1);
    expect(events('AUTH_REQUEST')[0]).toEqual({ type: 'AUTH_REQUEST', cardNumber: '8800123412341234', nozzle: 1 });
    expect(states().at(-1)).toBe('CALLING');

    forecourt.commands.onCommand({ kind: 'pump', deviceId: 'pump-1', payload: { id: 'c-1', action: 'AUTHORIZE', limitMinor: 1000, reason: null } });
    await waitUntil('the sale is reported', () => events('TRANSACTION').length === 1, 10_000);
    const sale = events('TRANSACTION')[0]!;
    // 10.00 at 7.68 a litre: 130 cl (9.98); the pump stops on the last centilitre within the preset.
    expect(sale).toMatchObject({ counter: 1, cardNumber: '8800123412341234', nozzle: 1, grade: '92', volumeMl: 1300, unitPriceMinor: 768, amountMinor: 998 });
    expect(sale).toMatchObject({ totalizerStartMl: 12_345_000, totalizerEndMl: 12_346_300 });
    expect(acks()).toEqual([{ id: 'c-1', status: 'done' }]);
    expect(states()).toEqual(expect.arrayContaining(['STARTED', 'FUELLING']));
    const running = published.filter((p) => p.body.state === 'FUELLING');
    expect(running.every((p) => typeof p.body.volumeMl === 'number')).toBe(true);
    await waitUntil('the pump is reset', () => pump.dispenser.status === 1);
  });

  it('refuses a card: the pump is not authorised and stays idle', async () => {
    const { pump, forecourt, events, acks, states } = await startPumpLine();
    await waitUntil('the pump is idle', () => states().at(-1) === 'IDLE');
    pump.liftNozzle(2, '8800999900001111');
    await waitUntil('AUTH_REQUEST', () => events('AUTH_REQUEST').length === 1);
    forecourt.commands.onCommand({ kind: 'pump', deviceId: 'pump-1', payload: { id: 'c-9', action: 'REFUSE', limitMinor: 0, reason: 'card blocked' } });
    await waitUntil('the refusal is acknowledged', () => acks().length === 1);
    expect(acks()[0]).toEqual({ id: 'c-9', status: 'done' });
    expect(states().at(-1)).toBe('IDLE');
    // A late AUTHORIZE for that card finds nothing waiting.
    forecourt.commands.onCommand({ kind: 'pump', deviceId: 'pump-1', payload: { id: 'c-10', action: 'AUTHORIZE', limitMinor: 500, reason: null } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(acks()[1]).toMatchObject({ id: 'c-10', status: 'rejected' });
    expect(pump.dispenser.status).toBe(1);
    expect(pump.dispenser.volumeCl).toBe(0);
  });

  it('sends new prices for every nozzle, and refuses a list that misses one', async () => {
    const { pump, forecourt, acks, states } = await startPumpLine();
    await waitUntil('the pump is idle', () => states().at(-1) === 'IDLE');
    const setPrices = (id: string, prices: { grade: string; unitPriceMinor: number }[]) =>
      forecourt.commands.onCommand({ kind: 'pump', deviceId: 'pump-1', payload: { id, action: 'SET_PRICES', prices } });
    setPrices('p-1', [{ grade: '92', unitPriceMinor: 790 }]);
    setPrices('p-2', [
      { grade: '92', unitPriceMinor: 790 },
      { grade: '95', unitPriceMinor: 845 },
    ]);
    await waitUntil('both are answered', () => acks().length === 2);
    expect(acks()).toEqual([
      { id: 'p-1', status: 'rejected', reason: expect.stringContaining('no price for grade 95') },
      { id: 'p-2', status: 'done' },
    ]);
    expect([pump.dispenser.priceOf(1), pump.dispenser.priceOf(2)]).toEqual([790, 845]);
  });

  it('reports a sale cut by a power failure when the pump is back, with what it delivered, once', async () => {
    const { pump, forecourt, events, states } = await startPumpLine();
    await waitUntil('the pump is idle', () => states().at(-1) === 'IDLE');
    pump.liftNozzle(1, '8800123412341234');
    await waitUntil('AUTH_REQUEST', () => events('AUTH_REQUEST').length === 1);
    forecourt.commands.onCommand({ kind: 'pump', deviceId: 'pump-1', payload: { id: 'c-1', action: 'AUTHORIZE', limitMinor: 50_000, reason: null } });
    await waitUntil('fuel flows', () => pump.dispenser.volumeCl > 50, 5_000);
    pump.losePower();
    await waitUntil('the bridge sees the pump dark', () => states().at(-1) === 'INOPERATIVE');
    const delivered = pump.dispenser.volumeCl;
    pump.restorePower();
    await waitUntil('the cut sale is reported', () => events('TRANSACTION').length === 1, 5_000);
    expect(events('TRANSACTION')[0]).toMatchObject({ counter: 1, cardNumber: '8800123412341234', volumeMl: delivered * 10 });
    await waitUntil('the pump is reset', () => pump.dispenser.status === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events('TRANSACTION')).toHaveLength(1);
  });

  describe('after a bridge restart, a sale the pump still holds', () => {
    /** A sale on nozzle 1 made at the pump alone (DART commands given directly): FILLING COMPLETED, not reset. */
    const saleWithoutBridge = async (pump: DartPumpSimulator) => {
      const d = pump.dispenser;
      d.lift(1);
      d.command(0x05);
      d.allow([1]);
      d.command(0x06);
      await waitUntil('fuel flows', () => d.volumeCl >= 100);
      d.hangUp();
    };

    it('is reported, without a card, under the next counter of the ledger', async () => {
      const ledgerDir = await mkdtemp(join(tmpdir(), 'pump-ledger-'));
      PumpLedger.open(ledgerDir, 'pump-1').saleReported({ counter: 41, nozzle: 1, totalizerEndMl: 12_345_000 });
      const { pump, events } = await startPumpLine({ ledgerDir, beforeBridge: saleWithoutBridge });
      await waitUntil('the sale is reported', () => events('TRANSACTION').length === 1);
      const volumeMl = pump.dispenser.totalCl(1) * 10 - 12_345_000;
      expect(events('TRANSACTION')[0]).toMatchObject({ counter: 42, nozzle: 1, volumeMl, totalizerStartMl: 12_345_000 });
      expect(events('TRANSACTION')[0]).not.toHaveProperty('cardNumber');
      await waitUntil('the pump is reset', () => pump.dispenser.status === 1);
    });

    it('is not reported again when the ledger says it was', async () => {
      const ledgerDir = await mkdtemp(join(tmpdir(), 'pump-ledger-'));
      // As if the bridge had journaled this sale and stopped before the pump's RESET.
      const reportedThenStopped = async (pump: DartPumpSimulator) => {
        await saleWithoutBridge(pump);
        PumpLedger.open(ledgerDir, 'pump-1').saleReported({ counter: 7, nozzle: 1, totalizerEndMl: pump.dispenser.totalCl(1) * 10 });
      };
      const { pump, events } = await startPumpLine({ ledgerDir, beforeBridge: reportedThenStopped });
      await waitUntil('the pump is reset', () => pump.dispenser.status === 1);
      expect(events('TRANSACTION')).toEqual([]);
      expect(PumpLedger.open(ledgerDir, 'pump-1').nextCounter).toBe(8);
    });
  });
});
