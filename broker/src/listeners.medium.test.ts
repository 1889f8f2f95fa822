import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBroker } from './create-broker';
import { MemorySink } from './testing/memory-sink';
import { secrets, startBrokerFixture, type BrokerFixture } from './testing/broker-fixture';
import { createLogger } from '@hearth/platform';

describe('listeners', () => {
  let f: BrokerFixture;
  beforeAll(async () => {
    f = await startBrokerFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('serves MQTT over WebSocket on /mqtt with the same rules', async () => {
    const url = `ws://127.0.0.1:${f.ports.wsPort}/mqtt`;
    await expect(f.connectRaw(url, { username: 'gw-1', password: 'wrong' })).rejects.toMatchObject({ code: 4 });
    const client = await f.connectRaw(url, { username: 'gw-1', password: secrets['gw-1'] });
    const before = f.sink.stored.length;
    await client.publishAsync('hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":42}', { qos: 1 });
    expect(f.sink.stored.length).toBe(before + 1);
    expect(f.sink.stored.at(-1)?.samples[0]?.values).toEqual({ levelMm: 42 });
  });

  it('answers plain HTTP on the WebSocket port with 426 Upgrade Required', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) =>
      get(`http://127.0.0.1:${f.ports.wsPort}/mqtt`, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject),
    );
    expect(status).toBe(426);
  });

  it('disables Nagle on the server side of TCP and WebSocket connections', async () => {
    const tcp = await f.connect('gw-1', { clientId: 'nagle-tcp' });
    const ws = await f.connectRaw(`ws://127.0.0.1:${f.ports.wsPort}/mqtt`, { username: 'gw-1', password: secrets['gw-1'], clientId: 'nagle-ws' });
    // Aedes keeps its connections in `clients` (not in its types); the socket under a WebSocket is `req.socket`.
    const clients = (f.broker.aedes as unknown as { clients: Record<string, { conn: Socket; req?: IncomingMessage }> }).clients;
    const tcpSocket = clients['gw-1/nagle-tcp']?.conn;
    const wsSocket = clients['gw-1/nagle-ws']?.req?.socket;
    expect(tcpSocket && noDelay(tcpSocket)).toBe(true);
    expect(wsSocket && noDelay(wsSocket)).toBe(true);
    await Promise.all([tcp.endAsync(), ws.endAsync()]);
  });
});

/** Node has no public getter for TCP_NODELAY; it records the setting under the `kSetNoDelay` symbol. */
function noDelay(socket: Socket): boolean | undefined {
  const symbol = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'kSetNoDelay');
  return symbol ? Boolean((socket as unknown as Record<symbol, unknown>)[symbol]) : undefined;
}

describe('TLS listener', () => {
  let dir: string | undefined;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves MQTT over TLS with the configured certificate', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearth-tls-'));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const sink = new MemorySink();
    const registry = {
      authenticateGateway: async (id: string, secret: string) => (secret === 's' ? { gatewayId: id, tenantId: 't', credential: 's-hash' } : null),
      findDevice: async () => ({ gatewayId: 'gw-1', tenantId: 't' }),
    };
    const broker = createBroker({ logger: createLogger('tls-test', 'silent'), registry, sink });
    try {
      const ports = await broker.listen({ tcpPort: 0, host: '127.0.0.1', tls: { port: 0, cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') } });
      expect(ports.tlsPort).toBeGreaterThan(0);
      const client = await connectAsync(`mqtts://127.0.0.1:${ports.tlsPort}`, {
        username: 'gw-1',
        password: 's',
        ca: readFileSync(cert),
        servername: 'localhost',
        reconnectPeriod: 0,
      });
      await client.publishAsync('hearth/v1/gw-1/tank/tank-1/telemetry', '{"levelMm":7}', { qos: 1 });
      expect(sink.stored).toHaveLength(1);
      await client.endAsync();
    } finally {
      await broker.close();
    }
  });
});
