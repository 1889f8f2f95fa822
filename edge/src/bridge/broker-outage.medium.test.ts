import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@hearth/platform';
import { waitUntil } from '@hearth/testkit/eventually';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';
import { afterAll, expect, it } from 'vitest';
import { TcpProxy } from '../testing/tcp-proxy';
import { rigSiteConfig, startSerialRig, type SerialRig } from '../testing/serial-rig';
import { EdgeBridge } from './edge-bridge';

const logger = createLogger('bridge-outage-test', 'silent');
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

const mqttPort = (stack: TestStack) => Number(new URL(stack.urls.mqtt).port);

it('journals readings while the broker is down and across a bridge restart, then delivers every one once, in order', async () => {
  let stack = await startTestStack();
  const dataDir = stack.dataDir;
  cleanup.push(() => stack.destroy());
  const [modbusTank, tlsTank] = [stack.demo.tanks[0]!.id, stack.demo.tanks[1]!.id];
  // The bridge keeps one broker URL; the proxy cuts the uplink and lets the broker come back on another port.
  const proxy = await TcpProxy.start(mqttPort(stack));
  cleanup.push(() => proxy.close());
  const rig: SerialRig = await startSerialRig('mock', { levelMm: 1500, temperatureC: 12 }, [{ tank: 1, heightMm: 900, waterMm: 0, temperatureC: 12 }]);
  cleanup.push(() => rig.close());
  const config = rigSiteConfig(rig, {
    brokerUrl: proxy.url,
    gateway: stack.demo.gateway,
    bufferDir: await mkdtemp(join(tmpdir(), 'bridge-outage-')),
    modbusTank,
    tlsTanks: { '1': tlsTank },
    pollIntervalMs: 100,
  });
  const readings = new Map<string, number>();
  const tally = (bridge: EdgeBridge) => {
    for (const [id, d] of Object.entries(bridge.status().devices)) readings.set(id, (readings.get(id) ?? 0) + d.readings);
  };

  // 1. Online: readings flow.
  let bridge = await EdgeBridge.start({ config, logger, binding: rig.binding });
  cleanup.push(() => bridge.stop(0));
  await waitUntil('some readings are acknowledged', () => bridge.status().counters.acked >= 5, 15_000);

  // 2. The uplink fails mid-flight (first PUBACKs are lost: stored, never confirmed; then PUBLISHes
  //    are lost: never stored), then the broker goes away altogether (the whole stack stops) while
  //    the gauges keep being read.
  const acked = bridge.status().counters.acked;
  await proxy.partition(400, 400);
  const sentIntoTheVoid = bridge.status().counters.published - acked;
  expect(sentIntoTheVoid).toBeGreaterThan(0);
  await stack.close();
  await waitUntil('readings are buffered on disk', () => bridge.status().pending >= 10, 15_000);
  expect(bridge.status().connected).toBe(false);

  // 3. The bridge itself restarts during the outage: journal and seq survive on disk.
  await bridge.stop(0);
  tally(bridge);
  const carriedOver = bridge.status().pending;
  expect(carriedOver).toBeGreaterThanOrEqual(10);
  bridge = await EdgeBridge.start({ config, logger, binding: rig.binding });
  await waitUntil('the restarted bridge buffers more', () => bridge.status().pending >= carriedOver + 5, 15_000);

  // 4. The broker comes back (same database, new port) and the journal drains.
  stack = await startTestStack({ dataDir });
  proxy.heal(mqttPort(stack));
  await waitUntil('the journal is delivered', () => bridge.status().connected && bridge.status().pending === 0, 30_000);
  await bridge.stop();
  tally(bridge);

  const { counters } = bridge.status();
  expect(counters.replayed).toBeGreaterThanOrEqual(carriedOver);
  // Samples stored before the outage whose PUBACK was lost came again, and the server recognised them by seq.
  expect(stack.twins.broker.rejections.totals().MQTT_DUPLICATE).toBeGreaterThan(0);
  expect(counters.dropped).toBe(0);
  for (const tankId of [modbusTank, tlsTank]) {
    const rows = await stack.db.query<{ seq: string }>('SELECT seq FROM twins.tank_sample WHERE tank_id = $1 ORDER BY time, received_at', [tankId]);
    const seqs = rows.map((r) => Number(r.seq));
    // None lost, none twice: one stored sample per reading taken, by both bridge runs.
    expect(seqs.length).toBe(readings.get(tankId));
    expect(new Set(seqs).size).toBe(seqs.length);
    // In order: by measurement time, seq only rises (the restart may skip numbers, never reuse them).
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  }
}, 120_000);
