import { z } from 'zod';
import { rangedMetrics, type TelemetrySchema } from '@hearth/broker';

/**
 * What a tank gauge's telemetry sample may carry: exactly these metrics, each within its physical
 * range (`MetricBounds`, configurable per site: level, temperature, pressure, water bottom, the
 * gauge's high-high trip point), and the inlet valve's position. The valve and the trip point are
 * reported state that desired state and commands are compared with. Anything else is refused.
 */
export const tankTelemetry: TelemetrySchema = (ranges) => z.strictObject({ ...rangedMetrics(ranges), inletValveOpen: z.boolean().optional() });
