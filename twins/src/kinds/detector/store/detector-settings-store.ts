import { tenantSitesAmong, type Database } from '@hearth/platform/db';
import { defaultDetectorLevels, type DetectorLevels } from '../model/detector-levels';

/** A detector's alarm levels and the shut-off valve its second level closes. */
export interface DetectorSettings extends DetectorLevels {
  tenantId: string;
  detectorId: string;
  valveId: string | null;
  /** The site it stands at (a site of the tanks domain), or null. */
  siteId: string | null;
  updatedAt: Date;
  updatedBy: string;
}

/**
 * Every detector's settings (`twins.detector_config`), in memory: the ingest reads them per sample.
 * One twins process writes them, through `save`. A detector without settings has the default
 * levels and no valve.
 */
export class DetectorSettingsStore {
  private readonly byKey = new Map<string, DetectorSettings>();

  constructor(private readonly db: Database) {}

  async load(): Promise<void> {
    const rows = await this.db.query<DetectorSettings>(
      `SELECT tenant_id AS "tenantId", detector_id AS "detectorId", first_lel AS "firstLel", second_lel AS "secondLel", industrial,
              valve_id AS "valveId", site_id AS "siteId", updated_at AS "updatedAt", updated_by AS "updatedBy" FROM twins.detector_config`,
    );
    for (const row of rows) this.byKey.set(key(row.tenantId, row.detectorId), row);
  }

  get(tenantId: string, detectorId: string): DetectorSettings | undefined {
    return this.byKey.get(key(tenantId, detectorId));
  }

  levels(tenantId: string, detectorId: string): DetectorLevels {
    return this.get(tenantId, detectorId) ?? defaultDetectorLevels;
  }

  async save(settings: Omit<DetectorSettings, 'updatedAt'>): Promise<DetectorSettings> {
    const [saved] = await this.db.query<{ updatedAt: Date }>(
      `INSERT INTO twins.detector_config (tenant_id, detector_id, first_lel, second_lel, industrial, valve_id, site_id, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, detector_id) DO UPDATE SET first_lel = EXCLUDED.first_lel, second_lel = EXCLUDED.second_lel,
         industrial = EXCLUDED.industrial, valve_id = EXCLUDED.valve_id, site_id = EXCLUDED.site_id, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING updated_at AS "updatedAt"`,
      [
        settings.tenantId,
        settings.detectorId,
        settings.firstLel,
        settings.secondLel,
        settings.industrial,
        settings.valveId,
        settings.siteId,
        settings.updatedBy,
      ],
    );
    const stored = { ...settings, updatedAt: saved!.updatedAt };
    this.byKey.set(key(settings.tenantId, settings.detectorId), stored);
    return stored;
  }
}

/** Whether a site of the tanks domain is the tenant's (a detector may stand only at one of its company's sites). */
export async function isSiteOf(db: Database, tenantId: string, siteId: string): Promise<boolean> {
  return (await tenantSitesAmong(db, tenantId, [siteId])).size > 0;
}

const key = (tenantId: string, detectorId: string) => `${tenantId}\u0000${detectorId}`;
