import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_HASHING_LIMITS, generateContextKeys, loadConfig } from '@hearth/platform';
import { gatewayEnv } from './gateway-config';

const keyFile = join(mkdtempSync(join(tmpdir(), 'hearth-key-')), 'context.pem');
writeFileSync(keyFile, generateContextKeys().privateKeyPem);

describe('gateway config', () => {
  it('reads SUBGRAPH_URLS as named subgraphs and CORS_ORIGINS as a list', () => {
    const config = loadConfig(gatewayEnv, {
      SUBGRAPH_URLS: 'tanks=http://tanks:4001/graphql, twins=http://twins:4002/graphql',
      CORS_ORIGINS: 'https://a.example,https://b.example',
      HEARTH_CONTEXT_PRIVATE_KEY_FILE: keyFile,
    });
    expect(config.SUBGRAPH_URLS).toEqual([
      { name: 'tanks', url: 'http://tanks:4001/graphql' },
      { name: 'twins', url: 'http://twins:4002/graphql' },
    ]);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(config.GATEWAY_PORT).toBe(4000);
    expect(config.GATEWAY_TRUSTED_PROXIES).toEqual([]);
  });

  it('serves metrics on loopback port 9464 and bounds logins and hashing unless told otherwise', () => {
    const config = loadConfig(gatewayEnv, { HEARTH_CONTEXT_PRIVATE_KEY_FILE: keyFile });
    expect(config).toMatchObject({
      GATEWAY_METRICS_PORT: 9464,
      GATEWAY_METRICS_HOST: '127.0.0.1',
      GATEWAY_LOGIN_FAILURES_PER_ADDRESS: 20,
      GATEWAY_LOGIN_FAILURES_PER_EMAIL: 5,
      GATEWAY_HASHING_CONCURRENCY: DEFAULT_HASHING_LIMITS.concurrency,
      GATEWAY_HASHING_QUEUE: 16,
    });
    const problems = (() => {
      try {
        loadConfig(gatewayEnv, { HEARTH_CONTEXT_PRIVATE_KEY_FILE: keyFile, GATEWAY_METRICS_PORT: '70000', GATEWAY_HASHING_CONCURRENCY: '0' });
      } catch (err) {
        return (err as ConfigError).problems;
      }
      return [];
    })();
    expect(problems.map((p) => p.split(':')[0])).toEqual(['GATEWAY_METRICS_PORT', 'GATEWAY_HASHING_CONCURRENCY']);
  });

  it('lists every bad variable at once', () => {
    const load = () =>
      loadConfig(gatewayEnv, {
        SUBGRAPH_URLS: 'tanks=http://tanks:4001/graphql,twins',
        GATEWAY_PORT: 'x',
        GATEWAY_HEARTBEAT_MS: '-1',
        GATEWAY_TRUSTED_PROXIES: '10.0.0.0/8,balancer',
        HEARTH_CONTEXT_PRIVATE_KEY_FILE: '/nonexistent/context.pem',
      });
    expect(load).toThrow(ConfigError);
    const problems = (() => {
      try {
        load();
      } catch (err) {
        return (err as ConfigError).problems;
      }
      return [];
    })();
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['SUBGRAPH_URLS', 'GATEWAY_PORT', 'GATEWAY_HEARTBEAT_MS', 'GATEWAY_TRUSTED_PROXIES', 'HEARTH_CONTEXT_PRIVATE_KEY_FILE']),
    );
    expect(problems.join('\n')).toContain('"twins" is not name=http(s)://host:port/graphql');
    expect(problems.join('\n')).toContain('cannot read /nonexistent/context.pem');
  });
});
