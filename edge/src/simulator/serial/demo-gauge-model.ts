import type { ModbusModel } from '../../bridge/config/site-config.schema';

/**
 * The register map of the simulated Modbus tank gauge, the same as `hearth-demo-gauge` in
 * edge/examples/site.yaml. It mixes every encoding the bridge decodes (a float, a scaled int16,
 * a scaled uint16, a scaled low-word-first uint32), so a demo exercises all of them.
 */
export const demoGaugeModel: ModbusModel = {
  registerKind: 'holding',
  registers: {
    levelMm: { address: 0, type: 'float32', wordOrder: 'high-first', scale: 1, offset: 0 },
    temperatureC: { address: 2, type: 'int16', wordOrder: 'high-first', scale: 0.1, offset: 0 },
    pressureKPa: { address: 3, type: 'uint16', wordOrder: 'high-first', scale: 0.1, offset: 0 },
    waterLevelMm: { address: 4, type: 'uint32', wordOrder: 'low-first', scale: 0.01, offset: 0 },
  },
};
