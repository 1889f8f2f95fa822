import { describe, expect, it } from 'vitest';
import { validateSiteConfig } from '../../config/load-site-config';
import { eastronSdm120 } from './meter-models';
import { decodeRegisters, registerBlock } from './register-map';

const site = (models: Record<string, unknown>) => ({
  gatewayId: 'mall-gw',
  secret: 's',
  broker: { url: 'mqtt://127.0.0.1:1' },
  buffer: { dir: 'b' },
  ports: { meters: { path: '/dev/ttyUSB0', baudRate: 9600 } },
  modbusModels: models,
  devices: [{ driver: 'modbus-rtu', port: 'meters', unitId: 1, model: 'm', deviceId: 'meter-1' }],
});

describe('Modbus meter register maps', () => {
  it('reads the SDM120 import active energy: input registers 30073-30074, float32 high word first', () => {
    expect(registerBlock(eastronSdm120)).toEqual({ start: 72, count: 2 });
    // 12345.67 kWh as float32: 0x4640E6AE (written out apart from this code: sign 0, exponent 140, mantissa 0x40E6AE).
    expect(decodeRegisters(eastronSdm120, Buffer.from('4640E6AE', 'hex'), 72)).toEqual({ registerKwh: 12345.67 });
  });

  it('is a valid model in a site file, and a model maps a meter or a tank, not both', () => {
    expect(validateSiteConfig(site({ m: eastronSdm120 })).modbusModels.m).toEqual(eastronSdm120);
    const both = { registers: { registerKwh: { address: 0, type: 'uint32', scale: 0.01 }, levelMm: { address: 2, type: 'float32' } } };
    expect(() => validateSiteConfig(site({ m: both }))).toThrow(/either a meter \(registerKwh\) or a tank gauge/);
  });
});
