import type { TlsDeviceConfig } from '../../config/site-config.schema';
import type { TankReading } from '../field-driver';
import { float32Digits } from '../float32';
import { invalidHeightAlarm, type TankInventory } from './inventory-report';

const mmPerInch = 25.4; // exact by definition (1959 international inch)

/**
 * The contract's view of a tank record: height → levelMm, water → waterLevelMm, temperature →
 * temperatureC, converted from the console's configured units. Volumes are left out: Hearth
 * computes them from its own strapping tables.
 */
export function tankValues(record: TankInventory, units: TlsDeviceConfig['units']): TankReading['values'] {
  const mm = (v: number) => round3(units.length === 'in' ? v * mmPerInch : v);
  const celsius = (v: number) => round3(units.temperature === 'F' ? ((v - 32) * 5) / 9 : v);
  const temperatureC = celsius(float32Digits(record.temperature));
  // With the invalid-height alarm set the probe's level is not a measurement; the temperature still is.
  if (invalidHeightAlarm(record.status)) return { temperatureC };
  return { levelMm: mm(float32Digits(record.height)), waterLevelMm: mm(float32Digits(record.water)), temperatureC };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
