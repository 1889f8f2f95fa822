import { isUuid, type Database } from '@hearth/platform/db';
import type { Logger } from 'pino';
import { DevicePlaces } from '../../device-places';
import type { MeterKind } from '../meter-messages';

/** Where the metering service keeps its meters (its migration 0001: `id, tenant_id, kind, site_id` are the contract; nothing else is read). */
export const METER_TABLE = 'metering.meter';

export interface MeterPlace {
  tenantId: string;
  kind: MeterKind;
  siteId: string | null;
}

/**
 * Each meter's kind (which register it reports) and site (`metering.meter`), in memory
 * (`DevicePlaces`): the telemetry handler refuses the other register by it, alarms carry the site
 * and `meterTwinChanged(siteId)` watches a site's meters, and none of them may wait on the database.
 * A meter's id is a uuid: no other id is looked for. Without the metering tables no meter is known.
 */
export class MeterPlaces extends DevicePlaces<MeterPlace> {
  constructor(db: Database, logger?: Logger) {
    super(
      db,
      {
        kind: 'meter',
        table: METER_TABLE,
        columns: `id::text, tenant_id::text AS "tenantId", kind, site_id::text AS "siteId"`,
        validId: isUuid,
        what: 'the meter’s kind and site',
      },
      logger,
    );
  }

  siteOf(tenantId: string, meterId: string): string | null {
    return this.placeOf(tenantId, meterId)?.siteId ?? null;
  }

  /** The tenant's meters at a site, as known now. */
  metersAt(tenantId: string, siteId: string): string[] {
    return [...this.places].filter(([, p]) => p.tenantId === tenantId && p.siteId === siteId).map(([id]) => id);
  }
}
