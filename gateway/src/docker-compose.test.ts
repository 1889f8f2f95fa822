import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const FILE = fileURLToPath(new URL('../../docker-compose.yml', import.meta.url));

interface Service {
  image?: string;
  deploy?: { replicas?: number };
  environment?: Record<string, string>;
  ports?: string[];
}
const compose = parse(await readFile(FILE, 'utf8'), { merge: true }) as { services: Record<string, Service> };
const { gateway, redis, entry, console: consoleService } = compose.services;

/** The production-shaped file runs the gateway as a user would behind a load balancer: several instances, one entry, one Redis. */
describe('docker-compose.yml', () => {
  it('is a file docker-compose accepts (docker-compose config -q)', async () => {
    await promisify(execFile)('docker-compose', ['-f', FILE, 'config', '-q']).catch((err: NodeJS.ErrnoException & { stderr?: string }) => {
      throw new Error(err.code === 'ENOENT' ? 'docker-compose is missing: run bash scripts/ensure-docker-compose.sh' : (err.stderr ?? err.message));
    });
  });

  it('runs two gateway instances sharing their rate limits through the redis service', () => {
    expect(gateway?.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(gateway?.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(redis?.image).toMatch(/^redis:/);
  });

  it('publishes one entry point for them (instances cannot share a host port), which the console calls and the gateways trust', () => {
    expect(gateway?.ports).toBeUndefined();
    expect(entry?.ports).toEqual(['4000:4000']);
    expect(consoleService?.environment?.HEARTH_PUBLIC_GATEWAY_URL).toBe('http://localhost:4000/graphql');
    expect(gateway?.environment?.GATEWAY_TRUSTED_PROXIES).toBeTruthy();
  });
});
