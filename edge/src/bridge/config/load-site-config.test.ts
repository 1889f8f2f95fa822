import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@hearth/platform';
import { describe, expect, it } from 'vitest';
import { demoGaugeModel } from '../../simulator/serial/demo-gauge-model';
import { loadSiteConfig, validateSiteConfig } from './load-site-config';

const exampleFile = fileURLToPath(new URL('../../../examples/site.yaml', import.meta.url));

const minimal = () => ({
  gatewayId: 'depot-gw-1',
  secret: 's3cret',
  broker: { url: 'mqtt://127.0.0.1:1883' },
  buffer: { dir: 'buffer' },
  ports: { line1: { path: '/dev/ttyUSB0', baudRate: 9600 } },
  modbusModels: { gauge: { registers: { levelMm: { address: 0, type: 'float32' } } } },
  devices: [{ driver: 'modbus-rtu', port: 'line1', unitId: 1, model: 'gauge', deviceId: 'tank-1' }],
});

function problemsOf(raw: unknown): string[] {
  try {
    validateSiteConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

describe('site configuration', () => {
  it('accepts the example file and fills in the defaults', async () => {
    const config = await loadSiteConfig(exampleFile);
    expect(config.devices).toHaveLength(3);
    expect(config.buffer).toMatchObject({ dir: '/var/lib/hearth-bridge', maxBytes: 64 * 1024 * 1024, segmentBytes: 1024 * 1024, fsync: 'always' });
    expect(config.modbusModels['hearth-demo-gauge']).toEqual(demoGaugeModel);
    expect(validateSiteConfig(minimal()).ports.line1).toEqual({ path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
  });

  it('lists every problem of a bad file at once, each with its path', () => {
    const raw = {
      ...minimal(),
      gatewayId: 'Depot GW',
      broker: { url: 'http://broker' },
      ports: { line1: { path: '/dev/ttyUSB0', baudRate: 9601, parity: 'mark' } },
      modbusModels: { gauge: { registers: { levelMm: { address: 0, type: 'float64' }, volumeL: { address: 9, type: 'int16' } } } },
      devices: [
        { driver: 'modbus-rtu', port: 'line2', unitId: 300, model: 'gauge', deviceId: 'tank-1' },
        { driver: 'veeder-root-tls', port: 'line1', tanks: { 1: 'tank-1' } },
        { driver: 'hart', port: 'line1' },
      ],
    };
    const problems = problemsOf(raw);
    const expected = [
      /^gatewayId: a gateway id/,
      /^broker\.url: an mqtt:\/\/.*\(got "http:\/\/broker"\)/,
      /^ports\.line1\.baudRate: a standard rate.*\(got 9601\)/,
      /^ports\.line1\.parity: .*\(got "mark"\)/,
      /^modbusModels\.gauge\.registers\.levelMm\.type: .*\(got "float64"\)/,
      /^modbusModels\.gauge\.registers: Unrecognized key: "volumeL"/,
      /^devices\.0\.unitId: .*247.*\(got 300\)/,
      /^devices\.1\.units: .*\(missing\)/,
      /^devices\.2\.driver: driver must be "modbus-rtu", "veeder-root-tls", "wayne-dart" or "dlt645"/,
      /^devices\.0\.port: no port named "line2" \(ports: line1\)/,
      /^devices\.1\.tanks\.1: device id tank-1 is already read by devices\.0\.deviceId/,
      /^devices\.2\.driver: port "line1" already speaks veeder-root-tls \(devices\.1\)/,
    ];
    for (const pattern of expected) expect(problems, `no problem matches ${pattern}`).toContainEqual(expect.stringMatching(pattern));
    expect(problems).toHaveLength(expected.length);
  });

  it('refuses register maps one read cannot fetch or whose registers overlap', () => {
    const raw = minimal();
    raw.modbusModels.gauge.registers = {
      levelMm: { address: 0, type: 'float32' },
      temperatureC: { address: 1, type: 'int16' },
      waterLevelMm: { address: 200, type: 'uint16' },
    } as never;
    const problems = problemsOf(raw);
    expect(problems).toContainEqual(expect.stringMatching(/^modbusModels\.gauge\.registers: registers 0…200 span more than the 125/));
    expect(problems).toContainEqual(expect.stringMatching(/^modbusModels\.gauge\.registers\.temperatureC: overlaps the registers of levelMm/));
  });

  it('never echoes the secret in an error', () => {
    expect(problemsOf({ ...minimal(), secret: 42 }).join('\n')).not.toContain('42');
  });

  it('reports YAML syntax errors with line and column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'site-config-'));
    const file = join(dir, 'site.yaml');
    await writeFile(file, 'gatewayId: a\ngatewayId: b\nports: [\n');
    await expect(loadSiteConfig(file)).rejects.toMatchObject({
      problems: expect.arrayContaining([expect.stringMatching(/site\.yaml:2:1: Map keys must be unique/)]),
    });
  });

  it('resolves a relative buffer dir against the site file, not the working directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'site-config-'));
    const file = join(dir, 'site.json');
    await writeFile(file, JSON.stringify(minimal()));
    expect((await loadSiteConfig(file)).buffer.dir).toBe(join(dir, 'buffer'));
  });
});
