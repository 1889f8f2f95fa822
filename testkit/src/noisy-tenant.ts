import { createConnection } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import mqtt from 'mqtt';
import WebSocket from 'ws';
import { graphqlPost } from './graphql-http';

/**
 * A noisy tenant, as its own OS process (`node --import tsx testkit/src/noisy-tenant.ts <json>`): it
 * floods every front door of a running stack at once, at the sizes a probe used to take the service
 * down, and prints what it sent as JSON. Run apart from the stack so the flood's own work does not
 * land on the stack's event loop: a neighbour's traffic comes from elsewhere.
 */
export interface NoisyTarget {
  graphql: string;
  ws: string;
  mqtt: string;
  /** The noisy tenant's own IoT gateway and API key. */
  gateway: { id: string; secret: string };
  apiKey: string;
}

/** Anonymous logins with e-mails nobody has: `total` of them, `concurrency` at a time. */
async function loginFlood(total: number, concurrency: number): Promise<number> {
  let sent = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        const n = sent++;
        await graphqlPost(target.graphql, 'mutation($e: String!) { login(email: $e, password: "guess") { accessToken } }', { e: `nobody-${n}@x.example` });
      }
    }),
  );
  return sent;
}

/** CONNECTs with a wrong secret for B's gateway, from another address than A's gateway (127.0.0.2). */
async function connectFlood(total: number, concurrency: number): Promise<number> {
  let sent = 0;
  const { port, hostname } = new URL(target.mqtt);
  const fromElsewhere = () => createConnection({ port: Number(port), host: hostname, localAddress: '127.0.0.2' });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        sent++;
        const client = new mqtt.MqttClient(fromElsewhere, { username: target.gateway.id, password: 'wrong', reconnectPeriod: 0, connectTimeout: 2_000 });
        await new Promise<void>((resolve) => {
          client.once('error', () => resolve());
          client.once('close', () => resolve());
          client.once('connect', () => resolve());
        });
        client.end(true);
      }
    }),
  );
  return sent;
}

/** B's own gateway sending SUBSCRIBE after SUBSCRIBE, and B's key opening subscriptions past its limits. */
async function subscribeFlood(client: mqtt.MqttClient, packets: number, untilMs: number): Promise<void> {
  client.on('error', () => undefined);
  const clients: Client[] = [];
  for (let c = 0; c < 3; c++) {
    const ws = createClient({
      url: target.ws,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${target.apiKey}` },
      retryAttempts: 0,
      lazy: false,
    });
    clients.push(ws);
    for (let s = 0; s < 150; s++) {
      ws.subscribe(
        { query: 'subscription { tankTwinChanged { tankId levelMm } }' },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
    }
  }
  let n = 0;
  while (n < packets && client.connected) {
    client.subscribe(`hearth/v1/${target.gateway.id}/meter/m-${n++}/command`, { qos: 1 });
    if (n % 50 === 0) await new Promise((r) => setTimeout(r, 1));
  }
  await new Promise((r) => setTimeout(r, Math.max(0, untilMs - Date.now())));
  client.end(true);
  await Promise.all(clients.map((c) => c.dispose()));
}

const target = JSON.parse(process.argv[2] ?? '{}') as NoisyTarget;
const until = Date.now() + Number(process.argv[3] ?? 6_000);
// Its own gateway connects first: once the floods run, its own CONNECT could be turned away too.
const subscriber = await mqtt.connectAsync(target.mqtt, {
  username: target.gateway.id,
  password: target.gateway.secret,
  reconnectPeriod: 0,
  clientId: 'noisy-sub',
});
const [logins, connects] = await Promise.all([loginFlood(400, 100), connectFlood(2_000, 50), subscribeFlood(subscriber, 5_000, until)]);
process.stdout.write(`${JSON.stringify({ logins, connects })}\n`);
process.exit(0);
