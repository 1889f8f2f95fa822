import type { Client, PublishPacket } from 'aedes';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, hookDeps, publishPacket } from '../testing/hook-harness';
import { createAuthorizePublish } from './authorize-publish';

describe('authorizePublish', () => {
  let deps: ReturnType<typeof hookDeps>;
  let client: Client;
  let authorize: ReturnType<typeof createAuthorizePublish>;
  /** Runs the hook; resolves with what it passed to `done` (null/undefined = acknowledge). */
  const run = (packet: PublishPacket, from: Client | null = client) =>
    new Promise<Error | null | undefined>((resolve) => authorize(from, packet, (err) => resolve(err)));

  beforeEach(() => {
    deps = hookDeps();
    client = fakeClient('c-1');
    deps.sessions.open(client, { gatewayId: 'gw-1', tenantId: 't-1' });
    authorize = createAuthorizePublish(deps);
  });

  it.each([
    ["another gateway's device topic", 'hearth/v1/gw-2/tank/tank-2/telemetry'],
    ["another gateway's malformed topic", 'hearth/v1/gw-2/nonsense'],
    ["another gateway's status", 'hearth/v1/gw-2/status'],
  ])('refuses %s with an error (Aedes disconnects) as MQTT_TOPIC_FORBIDDEN', async (_, topic) => {
    expect(await run(publishPacket(topic, '{"levelMm":1}'))).toBeInstanceOf(Error);
    expect(deps.rejections.totals()).toMatchObject({ MQTT_TOPIC_FORBIDDEN: 1, MQTT_TOPIC_INVALID: 0 });
    expect(deps.sink.received).toHaveLength(0);
  });

  it.each([
    ['a foreign topic', 'factory/line-1/temp'],
    ['a system topic', '$SYS/broker/clients'],
    ['a wrong shape under its own id', 'hearth/v1/gw-1/tank/tank-1'],
    ['a downlink command', 'hearth/v1/gw-1/tank/tank-1/command'],
  ])('refuses %s with an error as MQTT_TOPIC_INVALID', async (_, topic) => {
    expect(await run(publishPacket(topic, '{"levelMm":1}'))).toBeInstanceOf(Error);
    expect(deps.rejections.totals()).toMatchObject({ MQTT_TOPIC_INVALID: 1, MQTT_TOPIC_FORBIDDEN: 0 });
  });

  it('refuses a publish from a connection it does not know (a will swept up without its client)', async () => {
    expect(await run(publishPacket('hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":1}'), null)).toBeInstanceOf(Error);
  });

  it.each([
    ['an unknown device', 'hearth/v1/gw-1/tank/tank-404/telemetry', '{"levelMm":1}', 'MQTT_UNKNOWN_DEVICE'],
    ['a device of another gateway', 'hearth/v1/gw-1/tank/tank-2/telemetry', '{"levelMm":1}', 'MQTT_NOT_BOUND'],
    ['bad JSON', 'hearth/v1/gw-1/tank/tank-1/telemetry', 'nope', 'MQTT_BAD_JSON'],
    ['a schema violation', 'hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":"deep"}', 'MQTT_SCHEMA_VIOLATION'],
  ] as const)('acknowledges (no error) and drops %s, recorded for the device', async (_, topic, payload, reason) => {
    expect(await run(publishPacket(topic, payload))).toBeFalsy();
    const deviceId = topic.split('/')[4]!;
    expect(deps.rejections.forDevice('t-1', 'tank', deviceId)).toEqual([expect.objectContaining({ reason, count: 1 })]);
    expect(deps.sink.received).toHaveLength(0);
  });

  it("answers a device of another tenant exactly as an unknown one (no oracle of other tenants' ids)", async () => {
    deps.registry.devices['tank/tank-9'] = { tenantId: 't-2', gatewayId: 'gw-9' };
    expect(await run(publishPacket('hearth/v1/gw-1/tank/tank-9/telemetry', '{"levelMm":1}'))).toBeFalsy();
    expect(await run(publishPacket('hearth/v1/gw-1/tank/tank-404/telemetry', '{"levelMm":1}'))).toBeFalsy();
    const [foreign] = deps.rejections.forDevice('t-1', 'tank', 'tank-9');
    const [unknown] = deps.rejections.forDevice('t-1', 'tank', 'tank-404');
    expect(foreign).toMatchObject({ reason: 'MQTT_UNKNOWN_DEVICE', lastDetail: 'no tank tank-9 is registered' });
    expect(unknown).toMatchObject({ reason: 'MQTT_UNKNOWN_DEVICE', lastDetail: 'no tank tank-404 is registered' });
  });

  it('keeps a reading whose device clock runs an hour ahead, stored at its receive time, and records MQTT_CLOCK_AHEAD for the device', async () => {
    const ahead = new Date(Date.now() + 59 * 60_000).toISOString();
    expect(await run(publishPacket('hearth/v1/gw-1/tank/tank-1/telemetry', `{"ts":"${ahead}","levelMm":2450}`))).toBeFalsy();
    expect(deps.sink.received).toHaveLength(1);
    const [sample] = deps.sink.received[0]!.samples;
    expect(sample!.ts.getTime()).toBeLessThanOrEqual(Date.now());
    expect(sample!.tsGiven).toBe(false);
    expect(deps.rejections.forDevice('t-1', 'tank', 'tank-1')).toEqual([expect.objectContaining({ reason: 'MQTT_CLOCK_AHEAD', count: 1 })]);
  });

  it('clears retain on what it accepts', async () => {
    const packet = publishPacket('hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":1}', 1, true);
    await run(packet);
    expect(packet.retain).toBe(false);
  });

  it('calls back for QoS 1 only after the sink resolved', async () => {
    const gate = deps.sink.hold();
    let called = false;
    const done = run(publishPacket('hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":1}')).then((e) => ((called = true), e));
    await deps.sink.until(() => deps.sink.received.length === 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(called).toBe(false);
    gate.release();
    expect(await done).toBeFalsy();
  });

  it('calls back for QoS 0 before the sink resolved, and counts a background failure', async () => {
    const gate = deps.sink.hold();
    deps.sink.failWith(new Error('down'));
    expect(await run(publishPacket('hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":1}', 0))).toBeFalsy();
    gate.release();
    await deps.inFlight.settled();
    expect(deps.rejections.totals().MQTT_STORE_FAILED).toBe(1);
  });

  it('calls back with an error when the sink fails a QoS 1 message, or the registry cannot answer', async () => {
    deps.sink.failWith(new Error('down'));
    expect(await run(publishPacket('hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":1}'))).toBeInstanceOf(Error);
    deps.registry.failing = new Error('db gone');
    expect(await run(publishPacket('hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":1}'))).toBeInstanceOf(Error);
    expect(deps.rejections.totals().MQTT_STORE_FAILED).toBe(2);
  });

  it('survives a sink that throws instead of rejecting', async () => {
    deps.sink.accept = () => {
      throw new Error('synchronous');
    };
    expect(await run(publishPacket('hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":1}'))).toBeInstanceOf(Error);
    expect(deps.rejections.totals().MQTT_STORE_FAILED).toBe(1);
  });

  it('hands status messages of its own gateway to presence, and counts unreadable ones', async () => {
    deps.presence.connected({ gatewayId: 'gw-1', tenantId: 't-1' });
    expect(await run(publishPacket('hearth/v1/gw-1/status', 'offline'))).toBeFalsy();
    expect(await run(publishPacket('hearth/v1/gw-1/status', '{"online":"yes"}'))).toBeFalsy();
    expect(deps.sink.statuses.map((s) => s.online)).toEqual([true, false]);
    expect(deps.rejections.totals().MQTT_SCHEMA_VIOLATION).toBe(1);
  });

  it("hands one connection's messages to the sink in the order they came, even when checks finish out of order", async () => {
    // The first lookups are the slowest: without the per-connection queue the sink would see them reversed.
    let delay = 50;
    const find = deps.registry.findDevice.bind(deps.registry);
    deps.registry.findDevice = async (kind, id) => {
      const ms = (delay -= 10);
      await new Promise((r) => setTimeout(r, Math.max(ms, 0)));
      return find(kind, id);
    };
    const seqs = [1, 2, 3, 4, 5];
    await Promise.all(seqs.map((seq) => run(publishPacket('hearth/v1/gw-1/tank/tank-1/telemetry', JSON.stringify({ seq, levelMm: seq })))));
    expect(deps.sink.received.map((m) => m.samples[0]?.seq)).toEqual(seqs);
  });

  it('hands a device the registry knows in memory to the sink at once, but never ahead of earlier publishes still being checked', async () => {
    deps.registry.knownDevice = (kind, id, via) => (id === 'tank-1' && via === 'gw-1' ? { tenantId: 't-1', gatewayId: 'gw-1' } : undefined);
    const find = deps.registry.findDevice.bind(deps.registry);
    deps.registry.findDevice = async (kind, id) => (await new Promise((r) => setTimeout(r, 30)), find(kind, id));
    const publish = (device: string, seq: number) => run(publishPacket(`hearth/v1/gw-1/tank/${device}/telemetry`, JSON.stringify({ seq, levelMm: seq })));
    await Promise.all([publish('tank-3', 1), publish('tank-1', 2), publish('tank-1', 3)]);
    expect(deps.sink.received.map((m) => `${m.deviceId}#${m.samples[0]?.seq}`)).toEqual(['tank-3#1', 'tank-1#2', 'tank-1#3']);

    const acked = publish('tank-1', 4);
    expect(deps.sink.received.at(-1)?.samples[0]?.seq).toBe(4);
    expect(await acked).toBeFalsy();
  });
});
