import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@hearth/platform';
import { eventually, waitUntil } from '@hearth/testkit/eventually';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rigSiteConfig, startSerialRig, type SerialRig, type SerialTransport } from '../testing/serial-rig';
import { EdgeBridge } from './edge-bridge';

// The bridge against simulated field devices on real serial plumbing (socat pseudo-terminals, and
// @serialport/binding-mock null modems), publishing into the real embedded stack.
let stack: TestStack;
const running: { bridge?: EdgeBridge; rig?: SerialRig }[] = [];

beforeAll(async () => {
  stack = await startTestStack();
});
afterEach(async () => {
  for (const { bridge, rig } of running.splice(0)) {
    await bridge?.stop(1_000);
    await rig?.close();
  }
});
afterAll(async () => {
  await stack?.destroy();
});

/** What the twin reports for a tank, read from the database (independent of gateway authentication). */
async function reported(tankId: string): Promise<Record<string, number | null> | undefined> {
  const rows = await stack.db.query<{ reported: Record<string, number | null> }>('SELECT reported FROM twins.tank_twin WHERE tank_id = $1', [tankId]);
  return rows[0]?.reported;
}

async function startBridge(transport: SerialTransport, tanks: { modbus: string; tls: string }) {
  const rig = await startSerialRig(transport, { levelMm: 1834.2, temperatureC: 14.5, pressureKPa: 612.3, waterLevelMm: 12.34 }, [
    { tank: 3, heightMm: 1243.84, waterMm: 12.7, temperatureC: 16 },
  ]);
  const entry: { bridge?: EdgeBridge; rig?: SerialRig } = { rig };
  running.push(entry);
  const config = rigSiteConfig(rig, {
    brokerUrl: stack.urls.mqtt,
    gateway: stack.demo.gateway,
    bufferDir: await mkdtemp(join(tmpdir(), 'bridge-buffer-')),
    modbusTank: tanks.modbus,
    tlsTanks: { '3': tanks.tls },
  });
  entry.bridge = await EdgeBridge.start({ config, logger: createLogger('bridge-test', 'silent'), binding: rig.binding });
  return { rig, bridge: entry.bridge };
}

describe.each<[SerialTransport, number]>([
  ['pty', 0],
  ['mock', 2],
])('edge bridge over %s serial lines', (transport, firstTank) => {
  it('delivers Modbus and TLS readings to the tank twins, converted to the contract', async () => {
    const modbusTank = stack.demo.tanks[firstTank]!.id;
    const tlsTank = stack.demo.tanks[firstTank + 1]!.id;
    const { rig } = await startBridge(transport, { modbus: modbusTank, tls: tlsTank });

    expect(await eventually('the Modbus gauge reading reaches its twin', () => reported(modbusTank), 15_000)).toEqual({
      levelMm: 1834.2,
      temperatureC: 14.5,
      pressureKPa: 612.3,
      waterLevelMm: 12.34,
    });
    // The TLS speaks inches and °F: 48.97 in = 1243.838 mm, 0.5 in = 12.7 mm, 60.8 °F = 16 °C.
    const tls = await eventually('the TLS reading reaches its twin', () => reported(tlsTank), 15_000);
    expect(tls).toMatchObject({
      levelMm: expect.closeTo(1243.84, 1),
      waterLevelMm: expect.closeTo(12.7, 2),
      temperatureC: expect.closeTo(16, 2),
      pressureKPa: null,
    });

    // A new level on the gauge moves the twin: the bridge keeps polling and publishing.
    rig.gauge.setValues(1, { levelMm: 1900.5 });
    await waitUntil('the new level reaches the twin', async () => (await reported(modbusTank))?.levelMm === 1900.5, 10_000);
  });
});

describe('corrupt device answers', () => {
  it('are refused, counted by reason, and never published', async () => {
    const modbusTank = stack.demo.tanks[4]!.id;
    const tlsTank = stack.demo.tanks[5]!.id;
    const { rig, bridge } = await startBridge('mock', { modbus: modbusTank, tls: tlsTank });
    await waitUntil('both devices were read', () => Object.keys(bridge.status().devices).length === 2, 10_000);

    rig.gauge.corruptNextAnswers(1);
    rig.console.injectFault('checksum');
    rig.console.injectFault('field-count');
    await waitUntil(
      'the corrupt answers were refused',
      () => {
        const { corruptFrames } = bridge.status().counters;
        return corruptFrames['modbus-rtu:crc'] === 1 && corruptFrames['veeder-root-tls:checksum'] === 1 && corruptFrames['veeder-root-tls:field-count'] === 1;
      },
      10_000,
    );
    expect(bridge.status().readers['console/tls tanks 3']?.lastFailure).toMatchObject({ kind: 'rejected-frame', reason: 'field-count' });

    // Every sample stored is one the bridge journaled from a good answer: the refused ones left no trace.
    await bridge.stop();
    running.splice(
      running.findIndex((r) => r.bridge === bridge),
      1,
    );
    await rig.close();
    const { devices, pending } = bridge.status();
    expect(pending).toBe(0);
    for (const tankId of [modbusTank, tlsTank]) {
      const [row] = await stack.db.query<{ n: string }>('SELECT count(*) AS n FROM twins.tank_sample WHERE tank_id = $1', [tankId]);
      expect(Number(row!.n)).toBe(devices[tankId]!.readings);
    }
  });
});
