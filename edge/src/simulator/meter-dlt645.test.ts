import { afterEach, describe, expect, it } from 'vitest';
import { dataId, readRequest, relayControlRequest, relayOperation, type RelayControl } from '../bridge/drivers/dlt645/dlt645-data';
import { decodeFrame, encodeFrame, frameEnd, type Dlt645Frame } from '../bridge/drivers/dlt645/dlt645-frame';
import { createMockNullModem } from '../serial/mock-null-modem';
import { closeSerialPort, openSerialPort, settings8N1 } from '../serial/open-serial-port';
import { SerialExchange } from '../serial/serial-exchange';
import { Dlt645MeterSimulator } from './meter-dlt645';

// The simulated meter as a master sees it on the line: frames from the codec, answers decoded.
const address = '123456789012';
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** The meter's clock reads 2026-11-21 08:00:00 in Shanghai. */
const meterNow = new Date('2026-11-21T00:00:00Z');
const control = (operation: number, o: Partial<RelayControl> = {}): RelayControl => ({
  passwordLevel: 2,
  password: '000000',
  operator: '00000000',
  operation,
  validUntil: { year: 2026, month: 11, day: 21, hour: 8, minute: 5, second: 0 },
  ...o,
});

async function meterOnLine() {
  const { binding, paths } = createMockNullModem();
  const sim = await Dlt645MeterSimulator.start({
    line: settings8N1(paths[1], 2400),
    binding,
    meters: [{ address, registerKwh: 10 }],
    now: () => meterNow,
    buttonPressMs: [10, 20],
  });
  const port = await openSerialPort(settings8N1(paths[0], 2400), binding);
  const exchange = new SerialExchange(port);
  stops.push(async () => {
    await closeSerialPort(port);
    await sim.stop();
  });
  const ask = async (frame: Dlt645Frame) => {
    const answer = await exchange.request(encodeFrame(frame), frameEnd, 500);
    const decoded = answer.ok ? decodeFrame(answer.frame) : undefined;
    return decoded?.ok ? decoded.frame : undefined;
  };
  return { sim, ask, meter: sim.meter(address) };
}

describe('simulated DL/T 645 meter', () => {
  it('answers a read by its address, and stays silent for another address', async () => {
    const { ask } = await meterOnLine();
    expect(await ask(readRequest(address, dataId.forwardActiveEnergy))).toEqual({ address, control: 0x91, data: Buffer.from('0000010000100000', 'hex') });
    expect(await ask(readRequest('123456789013', dataId.forwardActiveEnergy))).toBeUndefined();
    // No remaining money on this meter: D1H, ERR 02H (no such data).
    expect(await ask(readRequest(address, dataId.remainingMoney))).toEqual({ address, control: 0xd1, data: Buffer.from([0x02]) });
  });

  it('carries out relay control with the right password before its deadline, and refuses otherwise', async () => {
    const { ask, meter } = await meterOnLine();
    const refused = (err: number) => ({ address, control: 0xdc, data: Buffer.from([err]) });
    expect(await ask(relayControlRequest(address, control(relayOperation.trip, { password: '000001' })))).toEqual(refused(0x04));
    expect(await ask(relayControlRequest(address, control(relayOperation.trip, { validUntil: { ...control(0).validUntil, hour: 7 } })))).toEqual(refused(0x01));
    expect(meter.relay).toBe('CLOSED');
    expect(await ask(relayControlRequest(address, control(relayOperation.trip)))).toEqual({ address, control: 0x9c, data: Buffer.alloc(0) });
    expect(meter.relay).toBe('OPEN');
    // Status word 3: bit 4 (relay 断) and bit 6 (the command was to open).
    expect((await ask(readRequest(address, dataId.statusWord3)))?.data.subarray(4)).toEqual(Buffer.from([0x50, 0x00]));
  });

  it('closes after 合闸允许 only once the user pressed the button; a protected meter does not trip', async () => {
    const { ask, meter } = await meterOnLine();
    meter.relay = 'OPEN';
    await ask(relayControlRequest(address, control(relayOperation.allowClose)));
    expect(meter.relay).toBe('CLOSE_ALLOWED');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(meter.relay).toBe('CLOSED');
    await ask(relayControlRequest(address, control(relayOperation.protect)));
    expect(await ask(relayControlRequest(address, control(relayOperation.trip)))).toMatchObject({ control: 0xdc });
    expect(meter.relay).toBe('CLOSED');
  });

  it('sounds its alarm on 报警 (2AH) and stops on 报警解除 (2BH), the relay left alone', async () => {
    const { ask, meter } = await meterOnLine();
    const done = { address, control: 0x9c, data: Buffer.alloc(0) };
    expect(await ask(relayControlRequest(address, control(relayOperation.alarm)))).toEqual(done);
    expect(meter.alarm).toBe(true);
    expect(await ask(relayControlRequest(address, control(relayOperation.alarmRelease)))).toEqual(done);
    expect(meter.alarm).toBe(false);
    expect(meter.relay).toBe('CLOSED');
  });
});
