import { describe, expect, it } from 'vitest';
import { createLogger } from '@hearth/platform';
import type { Dlt645DeviceConfig } from '../../config/site-config.schema';
import type { Dlt645Link } from './dlt645-link';
import { MeterController } from './meter-controller';

/**
 * The outbox against its deadlines: a relay command queued while the line was down is not sent
 * after its `expiresAt` (the twin expired it and read the relay back; a late TRIP would stack on
 * whatever was decided since).
 */
const device = {
  driver: 'dlt645',
  port: 'p',
  address: '000000001023',
  deviceId: 'meter-shop',
  remainingMoney: false,
  readRelay: false,
  password: { level: 2, code: '123456' },
  operator: '00000000',
  commandValidityMinutes: 5,
  timeZone: 'Asia/Shanghai',
  pollIntervalMs: 60_000,
} as unknown as Dlt645DeviceConfig;

function controller(start: number) {
  let now = start;
  const published: { channel: string; body: Record<string, unknown> }[] = [];
  const operations: number[] = [];
  let relayReads = 0;
  const link = {
    relayControl: (control: { operation: number }) => {
      operations.push(control.operation);
      return Promise.resolve({ ok: true as const });
    },
    readHundredths: () => Promise.resolve(123_400),
    readRelay: () => {
      relayReads += 1;
      return Promise.resolve('CLOSED' as const);
    },
  } as unknown as Dlt645Link;
  const meter = new MeterController({
    device,
    publish: (channel, body) => void published.push({ channel, body }),
    logger: createLogger('meter-controller-test', 'silent'),
    now: () => new Date(now),
  });
  return {
    meter,
    link,
    published,
    operations,
    relayReads: () => relayReads,
    advance: (ms: number) => void (now += ms),
    acks: () => published.filter((p) => p.channel === 'command/ack').map((p) => p.body),
  };
}

describe('a DL/T 645 meter controller', () => {
  it('rejects a relay command as expired when its deadline passed while it waited, and sends nothing', async () => {
    const start = Date.parse('2026-06-10T02:00:00Z');
    const c = controller(start);
    c.meter.command({ id: 'trip-1', action: 'TRIP', expiresAt: new Date(start + 60_000).toISOString() });
    c.meter.command({ id: 'read-1', action: 'READ_RELAY', expiresAt: new Date(start + 60_000).toISOString() });
    c.meter.command({ id: 'close-1', action: 'CLOSE', expiresAt: new Date(start + 600_000).toISOString() });
    // The line was down: the poll comes two minutes later.
    c.advance(120_000);
    await c.meter.cycle(c.link);
    expect(c.acks()).toEqual(
      expect.arrayContaining([
        { id: 'trip-1', status: 'rejected', reason: 'expired' },
        { id: 'read-1', status: 'rejected', reason: 'expired' },
        { id: 'close-1', status: 'done' },
      ]),
    );
    expect(c.acks()).toHaveLength(3);
    // Only the CLOSE still in time went to the meter (1CH N1 = 1CH).
    expect(c.operations).toHaveLength(1);
  });

  it('sends a command still in time', async () => {
    const start = Date.parse('2026-06-10T02:00:00Z');
    const c = controller(start);
    c.meter.command({ id: 'trip-2', action: 'TRIP', expiresAt: new Date(start + 60_000).toISOString() });
    c.advance(30_000);
    await c.meter.cycle(c.link);
    expect(c.acks()).toEqual([{ id: 'trip-2', status: 'done' }]);
    expect(c.operations).toHaveLength(1);
    expect(c.relayReads()).toBe(1);
  });

  it('sends ALARM as 报警 (2AH) and ALARM_RELEASE as 报警解除 (2BH)', async () => {
    const start = Date.parse('2026-06-10T02:00:00Z');
    const c = controller(start);
    c.meter.command({ id: 'alarm-1', action: 'ALARM' });
    c.meter.command({ id: 'release-1', action: 'ALARM_RELEASE' });
    await c.meter.cycle(c.link);
    expect(c.acks()).toEqual([
      { id: 'alarm-1', status: 'done' },
      { id: 'release-1', status: 'done' },
    ]);
    expect(c.operations).toEqual([0x2a, 0x2b]);
  });
});
