import mqtt, { type MqttClient } from 'mqtt';
import type { PublisherCommand, PublisherReport } from './publisher-fleet';

/**
 * A publisher process of the ingest benchmark (started by `PublisherFleet`): one MQTT.js
 * connection per IoT gateway it plays, QoS 1, each keeping `window` messages unacknowledged,
 * its devices in turn, realistic payloads. `seq` rises per device (the contract).
 */
let clients: { client: MqttClient; topicOf: (d: number) => string; devices: { kind: 'tank' | 'meter'; id: string }[] }[] = [];
let window = 0;
/** Per connection, the `seq` the priming round used (every device's next message continues from it). */
const primedSeq: number[] = [];
/**
 * A meter's readings are stored once per instant (`twins.meter_reading`), so each of its samples
 * carries its own: reading `seq` is timed `seq` seconds past a day ago (never ahead of its receipt).
 */
const meterClock = Date.now() - 86_400_000;

// The benchmark died: go too, instead of publishing into the void.
process.on('disconnect', () => process.exit(1));
process.on('message', (cmd: PublisherCommand) => {
  void handle(cmd).catch((err: unknown) => {
    send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    process.exit(1);
  });
});

async function handle(cmd: PublisherCommand): Promise<void> {
  switch (cmd.type) {
    case 'connect':
      window = cmd.window;
      clients = await Promise.all(
        cmd.gateways.map(async (g) => {
          const client = await mqtt.connectAsync(cmd.mqttUrl, {
            username: g.id,
            password: g.secret,
            clientId: `${g.id}-pub`,
            reconnectPeriod: 0,
            keepalive: 60,
          });
          const devices = [...g.tanks.map((id) => ({ kind: 'tank' as const, id })), ...g.meters.map((id) => ({ kind: 'meter' as const, id }))];
          return { client, devices, topicOf: (d: number) => `hearth/v1/${g.id}/${devices[d]!.kind}/${devices[d]!.id}/telemetry` };
        }),
      );
      return send({ type: 'connected' });
    case 'disconnect':
      await Promise.all(clients.map((c) => c.client.endAsync()));
      clients = [];
      primedSeq.length = 0;
      return send({ type: 'disconnected' });
    case 'prime':
      return send({ type: 'primed', ...(await prime()) });
    case 'run':
      return send({ type: 'done', ...(await run(cmd.measureFrom, cmd.until)) });
    case 'exit':
      await Promise.all(clients.map((c) => c.client.endAsync()));
      process.exit(0);
  }
}

/** One message from every device, all at once per connection (the first contact after the stack started). */
async function prime(): Promise<{ acked: number; failed: number }> {
  let acked = 0;
  let failed = 0;
  await Promise.all(
    clients.map(({ client, devices, topicOf }, c) =>
      Promise.all(
        devices.map((device, d) =>
          client.publishAsync(topicOf(d), payload(device.kind, 1, d), { qos: 1 }).then(
            () => void acked++,
            () => void failed++,
          ),
        ),
      ).then(() => (primedSeq[c] = 1)),
    ),
  );
  return { acked, failed };
}

async function run(measureFrom: number, until: number): Promise<Omit<Extract<PublisherReport, { type: 'done' }>, 'type'>> {
  let acked = 0;
  let ackedInWindow = 0;
  let failed = 0;
  await Promise.all(
    clients.map(async ({ client, devices, topicOf }, c) => {
      const seq = new Array<number>(devices.length).fill(primedSeq[c] ?? 0);
      const inFlight = new Set<Promise<void>>();
      let d = 0;
      while (Date.now() < until) {
        d = (d + 1) % devices.length;
        const n = ++seq[d]!;
        const p = client.publishAsync(topicOf(d), payload(devices[d]!.kind, n, d), { qos: 1 }).then(
          () => {
            acked++;
            const now = Date.now();
            if (now >= measureFrom && now < until) ackedInWindow++;
          },
          () => void failed++,
        );
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        if (inFlight.size >= window) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    }),
  );
  return { acked, ackedInWindow, failed };
}

/** What a level gauge and a prepaid gas meter send: readings that move a little each time. */
function payload(kind: 'tank' | 'meter', seq: number, device: number): string {
  const phase = seq / 60 + device;
  if (kind === 'tank') {
    const ts = new Date().toISOString();
    // Between the low and high alarm levels of every bench bullet, so alarms stay quiet as on most days.
    return JSON.stringify({
      ts,
      seq,
      levelMm: round(900 + 300 * Math.sin(phase)),
      temperatureC: round(14 + 3 * Math.sin(phase / 7)),
      pressureKPa: round(640 + 40 * Math.sin(phase / 3)),
    });
  }
  // The meter's register (m³, 3 decimals) and its valve relay, closed: the gas is on.
  return JSON.stringify({
    ts: new Date(meterClock + seq * 1000).toISOString(),
    seq,
    registerM3: round(1000 + device + seq * 0.012, 3),
    relay: 'CLOSED',
  });
}

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;
const send = (report: PublisherReport): void => void process.send!(report);
