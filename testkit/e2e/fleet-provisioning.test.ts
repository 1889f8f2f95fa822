import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlData } from '@hearth/testkit/graphql-http';
import { startTestStack, type TestStack } from '@hearth/testkit/test-stack';

let stack: TestStack;
let dir: string;
const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlData<T>(stack.urls.graphql, query, variables, stack.auth);
const count = async (sql: string, params: unknown[] = []) => (await stack.db.query<{ n: number }>(sql, params))[0]!.n;

beforeAll(async () => {
  stack = await startTestStack();
  dir = await mkdtemp(join(tmpdir(), 'hearth-fleet-'));
});
afterAll(async () => {
  await stack?.destroy();
  await rm(dir, { recursive: true, force: true });
});

type Import = {
  rows: number;
  imported: number;
  created: number;
  rejectedRows: number;
  problems: { row: number; line: number | null; field: string; message: string }[];
};
const IMPORT = `mutation($data: String!) { importDevices(format: CSV, data: $data) { rows imported created rejectedRows problems { row line field message } } }`;

describe('provisioning through the fleet subgraph', () => {
  it('imports 5,000 devices all or nothing: three bad rows import nothing and are reported by row, fixed they all go in', async () => {
    const { registerGateway } = await gql<{ registerGateway: { gateway: { id: string }; secret: string } }>(
      'mutation { registerGateway(input: { id: "depot-7", name: "Depot 7 detectors" }) { gateway { id } secret } }',
    );
    expect(registerGateway.gateway.id).toBe('depot-7');
    // Gas detectors: a kind bound by its id alone (no asset of another service to look up).
    const rows = Array.from({ length: 5000 }, (_, i) => `detector,DET-${String(i).padStart(6, '0')},depot-7`);
    const bad = [...rows];
    bad[99] = 'detector,DET 000099,depot-7'; // data row 100: a space is no device id
    bad[2499] = 'teapot,DET-002499,depot-7'; // row 2500: no such kind (valve is one now)
    bad[4999] = 'detector,DET-004999,depot-99'; // row 5000: not our gateway
    const started = performance.now();
    const refused = (await gql<{ importDevices: Import }>(IMPORT, { data: ['kind,id,gatewayId', ...bad].join('\n') })).importDevices;
    expect(refused).toMatchObject({ rows: 5000, imported: 0, rejectedRows: 3 });
    expect(refused.problems.map((p) => [p.row, p.line, p.field])).toEqual([
      [100, 101, 'id'],
      [2500, 2501, 'kind'],
      [5000, 5001, 'gatewayId'],
    ]);
    expect(refused.problems[2]!.message).toBe('no gateway depot-99 (register it first)');
    expect(await count(`SELECT count(*)::int AS n FROM fleet.device WHERE gateway_id = 'depot-7'`)).toBe(0);

    const imported = (await gql<{ importDevices: Import }>(IMPORT, { data: ['kind,id,gatewayId', ...rows].join('\n') })).importDevices;
    const seconds = (performance.now() - started) / 1000;
    expect(imported).toMatchObject({ rows: 5000, imported: 5000, created: 5000, rejectedRows: 0, problems: [] });
    expect(await count(`SELECT count(*)::int AS n FROM fleet.device WHERE gateway_id = 'depot-7'`)).toBe(5000);
    const { gateway } = await gql<{ gateway: { deviceCount: number } }>('{ gateway(id: "depot-7") { deviceCount } }');
    expect(gateway.deviceCount).toBe(5000);
    expect(seconds).toBeLessThan(30);
    const { fleetAuditLog } = await gql<{ fleetAuditLog: { edges: { node: { action: string; actor: string } }[] } }>(
      '{ fleetAuditLog(first: 1) { edges { node { action actor } } } }',
    );
    expect(fleetAuditLog.edges[0]?.node).toMatchObject({ action: 'devices.imported', actor: expect.stringMatching(/^user:/) });
  });

  it('imports through the CLI, which calls the gateway with HEARTH_URL and an API key and is audited as that key', async () => {
    const { createApiKey } = await gql<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
      'mutation { createApiKey(input: { name: "fleet CLI", scopes: ["fleet:read", "fleet:write"] }) { apiKey { id } secret } }',
    );
    const gateways = join(dir, 'gateways.csv');
    const devices = join(dir, 'devices.json');
    await writeFile(gateways, 'id,name\nyard-1,Yard one\nyard-2,"Yard two, east"\n');
    await writeFile(
      devices,
      JSON.stringify([
        { kind: 'detector', id: 'D-1', gatewayId: 'yard-1' },
        { kind: 'detector', id: 'D-2', gatewayId: 'yard-2' },
      ]),
    );
    const env = { ...process.env, HEARTH_URL: stack.urls.graphql, HEARTH_API_KEY: createApiKey.secret };
    const run = (...args: string[]) => promisify(execFile)('node', ['--import', 'tsx', 'twins/src/fleet/cli/fleet-cli.ts', ...args], { env });

    const first = await run('import', gateways);
    expect(first.stdout).toMatch(/^gatewayId,secret\nyard-1,\S{32}\nyard-2,\S{32}\n$/);
    expect(first.stderr).toContain('imported 2 of 2 rows');
    await run('import', devices);
    expect(await count(`SELECT count(*)::int AS n FROM fleet.device WHERE kind = 'detector' AND gateway_id LIKE 'yard-%'`)).toBe(2);

    // A file with a problem: nothing imported, the row named, a failing exit code.
    const moreDevices = join(dir, 'more-devices.csv');
    await writeFile(moreDevices, 'kind,id,gatewayId\ndetector,D-3,yard-1\ndetector,D-4,yard-404\n');
    const failed = await run('import', moreDevices).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('row 2 (line 3) gatewayId: no gateway yard-404');
    const { fleetAuditLog } = await gql<{ fleetAuditLog: { edges: { node: { action: string; actor: string } }[] } }>(
      '{ fleetAuditLog(first: 2) { edges { node { action actor } } } }',
    );
    expect(fleetAuditLog.edges.map((e) => e.node)).toEqual([
      { action: 'devices.imported', actor: `apiKey:${createApiKey.apiKey.id}` },
      { action: 'gateways.imported', actor: `apiKey:${createApiKey.apiKey.id}` },
    ]);
    // The same entries in the one audit log, as the fleet domain's.
    const { auditLog } = await gql<{ auditLog: { edges: { node: { domain: string; action: string; actor: string } }[] } }>(
      '{ auditLog(first: 2, domains: ["fleet"]) { edges { node { domain action actor } } } }',
    );
    expect(auditLog.edges.map((e) => e.node)).toEqual(fleetAuditLog.edges.map((e) => ({ domain: 'fleet', ...e.node })));
  });

  it('rotates a secret with a grace period: the old secret connects until it ends, not after (over a real MQTT socket)', async () => {
    const { registerGateway } = await gql<{ registerGateway: { gateway: { id: string }; secret: string } }>(
      'mutation { registerGateway(input: { name: "Rotating" }) { gateway { id } secret } }',
    );
    const id = registerGateway.gateway.id;
    const connects = (password: string) =>
      mqtt.connectAsync(stack.urls.mqtt, { username: id, password, reconnectPeriod: 0 }).then(
        (c) => (void c.endAsync(true), true),
        () => false,
      );
    expect(await connects(registerGateway.secret)).toBe(true);
    // Eight seconds of grace: the two CONNECTs that must still pass (each checks a scrypt hash) fit in it on a loaded machine.
    const { rotateGatewaySecret } = await gql<{ rotateGatewaySecret: { secret: string; gateway: { previousSecretValidUntil: string } } }>(
      'mutation($id: ID!) { rotateGatewaySecret(id: $id, graceSeconds: 8) { secret gateway { previousSecretValidUntil } } }',
      { id },
    );
    expect(Date.parse(rotateGatewaySecret.gateway.previousSecretValidUntil) - Date.now()).toBeGreaterThan(4_000);
    expect(await connects(registerGateway.secret)).toBe(true);
    expect(await connects(rotateGatewaySecret.secret)).toBe(true);
    await new Promise((r) => setTimeout(r, Date.parse(rotateGatewaySecret.gateway.previousSecretValidUntil) - Date.now() + 100));
    expect(await connects(registerGateway.secret)).toBe(false);
    expect(await connects(rotateGatewaySecret.secret)).toBe(true);
    const [row] = await stack.db.query<{ secret_hash: string; previous_secret_hash: string }>(
      'SELECT secret_hash, previous_secret_hash FROM fleet.gateway WHERE id = $1',
      [id],
    );
    expect(JSON.stringify(row)).not.toContain(rotateGatewaySecret.secret);
    expect(row?.secret_hash).toMatch(/^\$scrypt\$/);
  });

  it('keeps provisioning to supervisors: an operator may not register a gateway', async () => {
    await gql('mutation { createUser(input: { email: "op@demo.example", name: "Op", role: OPERATOR, password: "operator password 1" }) { id } }');
    const { login } = await graphqlData<{ login: { accessToken: string } }>(
      stack.urls.graphql,
      'mutation { login(email: "op@demo.example", password: "operator password 1") { accessToken } }',
    );
    const res = await fetch(stack.urls.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.accessToken}` },
      body: JSON.stringify({ query: 'mutation { registerGateway(input: { name: "nope" }) { secret } }' }),
    });
    const body = (await res.json()) as { errors: { extensions: { code: string; requiredScope: string } }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'fleet:write' });
  });
});
