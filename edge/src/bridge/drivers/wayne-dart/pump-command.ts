import { z } from 'zod';
import type { PumpDeviceConfig } from '../../config/site-config.schema';
import { priceInPumpUnits } from './pump-units';

const id = z.string().min(1).max(128);

/** The pump commands of the contract (hearth/v1/{gatewayId}/pump/{pumpId}/command). */
export const pumpCommandSchema = z.discriminatedUnion('action', [
  z.object({ id, action: z.literal('AUTHORIZE'), limitMinor: z.number().int().positive(), reason: z.null().optional() }),
  z.object({ id, action: z.literal('REFUSE'), limitMinor: z.literal(0).optional(), reason: z.string().max(1024).nullable().optional() }),
  z.object({
    id,
    action: z.literal('SET_PRICES'),
    prices: z.array(z.object({ grade: z.string().min(1), unitPriceMinor: z.number().int().positive() })).min(1),
  }),
]);
export type PumpCommand = z.infer<typeof pumpCommandSchema>;

/** The id of something that was meant as a command, to reject it by name. */
export const commandIdOf = (payload: unknown): string | undefined => {
  const parsed = z.object({ id }).safeParse(payload);
  return parsed.success ? parsed.data.id : undefined;
};

export type PumpPrices = { ok: true; pricePerNozzle: number[]; byGrade: Record<string, number> } | { ok: false; reason: string };

/**
 * The CD5 price list (PRI1 for logical nozzle 1, PRI2 for 2…) from the grades' prices: given now or
 * sent before. A pump ignores a price block that misses one of its nozzles (Dart Pump Interface §2.4),
 * so a grade without a price refuses the whole command. Grades this pump does not sell are ignored.
 */
export function pumpPrices(
  device: Pick<PumpDeviceConfig, 'nozzles' | 'decimals'>,
  given: { grade: string; unitPriceMinor: number }[],
  known: Readonly<Record<string, number>>,
): PumpPrices {
  const byGrade: Record<string, number> = {};
  for (const { grade, unitPriceMinor } of given) if (Object.values(device.nozzles).includes(grade)) byGrade[grade] = unitPriceMinor;
  const highest = Math.max(...Object.keys(device.nozzles).map(Number));
  const pricePerNozzle: number[] = [];
  for (let nozzle = 1; nozzle <= highest; nozzle++) {
    const grade = device.nozzles[String(nozzle)];
    // A number between two of the pump's nozzles belongs to no nozzle: its price is ignored (§2.4).
    if (grade === undefined) {
      pricePerNozzle.push(0);
      continue;
    }
    const minor = byGrade[grade] ?? known[grade];
    if (minor === undefined)
      return { ok: false, reason: `no price for grade ${grade} (nozzle ${nozzle}): a DART pump takes the prices of all its nozzles at once` };
    const price = priceInPumpUnits(minor, device.decimals);
    if (price === undefined || price > 999_999)
      return { ok: false, reason: `${minor} for grade ${grade} cannot be shown by the pump (${device.decimals.price} price decimals, at most 6 digits)` };
    pricePerNozzle.push(price);
  }
  return { ok: true, pricePerNozzle, byGrade };
}
