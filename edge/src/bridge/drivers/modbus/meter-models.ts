import type { ModbusModel } from '../../config/site-config.schema';

/**
 * Register maps of common DIN-rail electricity meters for the modbus-rtu driver: a site file copies
 * one into `modbusModels` (edge/README.md shows them as YAML) and names it in a meter's device.
 *
 * Eastron SDM120-Modbus (the same register for the SDM230 and SDM630): input registers (function 04),
 * every value an IEEE-754 float32 in two registers, high word first. "Import active energy", kWh, at
 * 30073 = PDU address 0x0048 (Eastron's SDM120 Modbus protocol document, input register table).
 * Import active energy is what DL/T 645 calls forward active energy (正向有功总电能).
 * A float32 holds 7 significant digits: 0.1 kWh of resolution above 100,000 kWh.
 */
export const eastronSdm120: ModbusModel = {
  registerKind: 'input',
  registers: { registerKwh: { address: 0x0048, type: 'float32', wordOrder: 'high-first', scale: 1, offset: 0 } },
};

/** Built-in meter maps by the name the simulators and the demo give them in a site file. */
export const meterModels = { 'eastron-sdm120': eastronSdm120 } as const satisfies Record<string, ModbusModel>;
