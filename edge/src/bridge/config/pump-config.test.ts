import { fileURLToPath } from 'node:url';
import { ConfigError } from '@hearth/platform';
import { describe, expect, it } from 'vitest';
import { loadSiteConfig, validateSiteConfig } from './load-site-config';

const stationFile = fileURLToPath(new URL('../../../examples/fuel-station.yaml', import.meta.url));

const withPumps = (pumps: Record<string, unknown>[]) => ({
  gatewayId: 'station-gw',
  secret: 's3cret',
  broker: { url: 'mqtt://127.0.0.1:1883' },
  buffer: { dir: 'buffer' },
  ports: { forecourt: { path: '/dev/ttyUSB0', baudRate: 9600 } },
  devices: pumps.map((p) => ({ driver: 'wayne-dart', port: 'forecourt', nozzles: { '1': '92' }, ...p })),
});

const problemsOf = (raw: unknown): string[] => {
  try {
    validateSiteConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('Wayne DART pumps in the site file', () => {
  it('accepts the fuel station example, with the pump defaults', async () => {
    const config = await loadSiteConfig(stationFile);
    expect(config.devices[0]).toMatchObject({ driver: 'wayne-dart', address: 0x50, nozzles: { '1': '92', '2': '95' } });
    expect(config.devices[1]).toMatchObject({
      decimals: { volume: 2, amount: 2, price: 2 },
      pollIntervalMs: 200,
      responseTimeoutMs: 250,
      telemetryIntervalMs: 1000,
    });
  });

  it('lists bad addresses and nozzles, a pump address used twice on a line, and a pump id read twice', () => {
    expect(
      problemsOf(
        withPumps([
          { address: 0x50, deviceId: 'pump-1' },
          { address: 0x50, deviceId: 'pump-2', nozzles: { '16': '92' } },
          { address: 0x70, deviceId: 'pump-1', decimals: { amount: 3 } },
        ]),
      ),
    ).toEqual([
      'devices.1.nozzles.16: 16 is not a nozzle number 1-8 (got "92")',
      'devices.2.address: a DART address 0x50-0x6F (got 112)',
      'devices.2.decimals.amount: Too big: expected number to be <=2 (got 3)',
      'devices.1.address: pump address 80 on port "forecourt" is already devices.0',
      'devices.2.deviceId: device id pump-1 is already read by devices.0.deviceId; each device has one source',
    ]);
  });
});
