import { actorOf, badInput, type CallerContext } from '@hearth/platform';
import { recordAudit } from '@hearth/platform/audit';
import { timeKeySql, type Database } from '@hearth/platform/db';
import { validateInput } from '@hearth/platform/graphql';
import { z } from 'zod';
import { lockMeter, meterRow, type MeterRow } from '../meter/meter.store';
import { chargeReadings, type ChargeSettings, type TariffVersionsLoader } from './charge-readings';

/** A register as people read it off the meter (kWh, m³), to the milli-unit the charges keep. */
const register = z
  .number()
  .min(0)
  .max(1e12)
  .refine((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6, 'at most 3 decimals');

const replaceSchema = z.object({
  meterId: z.string(),
  newSerial: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,32}$/, 'letters, digits and dashes, 1–32'),
  finalRegister: register,
  initialRegister: register,
});

export type ReplaceMeterInput = z.input<typeof replaceSchema>;

/**
 * A meter replaced in place (same id, twin and history; a new device and serial): the old device's
 * final register is charged as a reading now (its consumption since the last reading), then the new
 * device's initial register is the baseline, so nothing is charged for the swap; a late reading of
 * the old device is older than that baseline (BEHIND) and never charged. Audited.
 */
export async function replaceMeter(
  db: Database,
  by: CallerContext,
  input: ReplaceMeterInput,
  settings: ChargeSettings,
  versionsOf: TariffVersionsLoader,
): Promise<MeterRow> {
  const v = validateInput(replaceSchema, input);
  const finalMilli = Math.round(v.finalRegister * 1000);
  const initialMilli = Math.round(v.initialRegister * 1000);
  const meter = await db.transaction(async (tx) => {
    const meter = await lockMeter(tx, by.tenantId, v.meterId);
    if (meter.kind === 'ELECTRICITY' && !/^[0-9]{12}$/.test(v.newSerial))
      throw badInput([{ field: 'newSerial', message: 'a DL/T 645 electricity meter’s address is 12 digits' }]);
    const [clash] = await tx.query(`SELECT 1 FROM metering.meter WHERE tenant_id = $1 AND serial = $2 AND id <> $3`, [by.tenantId, v.newSerial, meter.id]);
    if (clash) throw badInput([{ field: 'newSerial', message: `another meter has the serial ${v.newSerial}` }]);
    const [baseline] = await tx.query<{ registerMilli: number | null }>(
      `SELECT baseline_register_milli::float8 AS "registerMilli" FROM metering.meter_billing WHERE meter_id = $1`,
      [meter.id],
    );
    if (baseline?.registerMilli != null && finalMilli < baseline.registerMilli)
      throw badInput([{ field: 'finalRegister', message: `below the meter’s last reading (${baseline.registerMilli / 1000})` }]);
    const [now] = await tx.query<{ at: Date; key: string }>(`SELECT t AS at, ${timeKeySql('t')} AS key FROM (SELECT clock_timestamp() AS t) n`);
    const final = { tenantId: by.tenantId, meterId: meter.id, observedAt: now!.at, observedKey: now!.key, registerMilli: finalMilli };
    const [charge] = (await chargeReadings(tx, [{ ...final, readingId: null, receivedAt: null, source: 'REPLACEMENT' }], settings, versionsOf)).rows;
    await tx.query(`UPDATE metering.meter_billing SET baseline_at = $2, baseline_register_milli = $3, updated_at = now() WHERE meter_id = $1`, [
      meter.id,
      now!.key,
      initialMilli,
    ]);
    await tx.query(`UPDATE metering.meter SET serial = $3 WHERE tenant_id = $1 AND id = $2`, [by.tenantId, meter.id, v.newSerial]);
    await tx.query(
      `INSERT INTO metering.meter_replacement (tenant_id, meter_id, old_serial, new_serial, final_register_milli, initial_register_milli, replaced_at, replaced_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [by.tenantId, meter.id, meter.serial, v.newSerial, finalMilli, initialMilli, now!.key, actorOf(by)],
    );
    await recordAudit(tx, by, {
      domain: 'metering',
      action: 'meter.replaced',
      target: `meter:${meter.id}`,
      details: {
        from: meter.serial,
        to: v.newSerial,
        finalRegister: v.finalRegister,
        initialRegister: v.initialRegister,
        chargedMinor: charge?.paidMinor ?? 0,
      },
    });
    return meter;
  });
  return (await meterRow(db, by.tenantId, meter.id))!;
}
