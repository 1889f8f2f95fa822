import { z } from 'zod';
import { rangedMetrics, type TelemetrySchema } from '@hearth/broker';
import { faultBits } from '../valve/valve-metrics';

/**
 * A gas detector reports the concentration it reads, `lelPercent` (0–100 % of the lower explosive
 * limit, `MetricBounds`), and, when set, its fault bits (`fault`, a 16-bit status word). Anything
 * else is refused.
 */
export const detectorTelemetry: TelemetrySchema = (ranges) => z.strictObject({ ...rangedMetrics(ranges), fault: faultBits(ranges) });
