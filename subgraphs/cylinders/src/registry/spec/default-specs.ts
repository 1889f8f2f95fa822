import type { Queryable } from '@hearth/platform/db';

/**
 * The specs a tenant starts with (GB 5842 welded LPG cylinders). TO BE VERIFIED against GB 5842 and
 * the makers' data sheets: water capacity, tare, maximum fill and tolerance are the trade's usual
 * figures, not yet checked clause by clause. YSP15 is the older 15 kg cylinder (14.5 ± 0.5 kg);
 * YSP35.5 fills to 14.9 kg (0.42 kg/L). Inspection every 4 years, design life 8 years (TSG 23-2021;
 * verify); no deposit until the company sets one.
 */
export const DEFAULT_SPECS = [
  { code: 'YSP5', waterCapacityL: 12.0, nominalTareKg: 7.5, maxFillKg: 5.0, toleranceKg: 0.2 },
  { code: 'YSP10', waterCapacityL: 23.5, nominalTareKg: 13.0, maxFillKg: 9.8, toleranceKg: 0.3 },
  { code: 'YSP15', waterCapacityL: 35.5, nominalTareKg: 16.5, maxFillKg: 14.5, toleranceKg: 0.5 },
  { code: 'YSP35.5', waterCapacityL: 35.5, nominalTareKg: 15.5, maxFillKg: 14.9, toleranceKg: 0.3 },
  { code: 'YSP50', waterCapacityL: 118, nominalTareKg: 47.0, maxFillKg: 49.5, toleranceKg: 1.0 },
] as const;

export const DEFAULT_INSPECTION_INTERVAL_YEARS = 4;
export const DEFAULT_DESIGN_LIFE_YEARS = 8;

/**
 * Installs the default specs for a tenant that lacks them; an edited or existing spec stays as it
 * is. Every reader of specs calls this first, so a new tenant finds them without a setup step.
 */
export async function ensureDefaultSpecs(q: Queryable, tenantId: string): Promise<void> {
  const col = <K extends keyof (typeof DEFAULT_SPECS)[number]>(k: K) => DEFAULT_SPECS.map((s) => s[k]);
  await q.query(
    `INSERT INTO cylinders.spec (tenant_id, code, name, water_capacity_l, nominal_tare_kg, max_fill_kg, tolerance_kg, inspection_interval_years, design_life_years, deposit_minor)
     SELECT $1, code, code, w, t, m, tol, $7, $8, 0 FROM unnest($2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) AS d(code, w, t, m, tol)
     ON CONFLICT (tenant_id, code) DO NOTHING`,
    [
      tenantId,
      col('code'),
      col('waterCapacityL'),
      col('nominalTareKg'),
      col('maxFillKg'),
      col('toleranceKg'),
      DEFAULT_INSPECTION_INTERVAL_YEARS,
      DEFAULT_DESIGN_LIFE_YEARS,
    ],
  );
}
