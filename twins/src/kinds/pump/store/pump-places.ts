import type { Database } from '@hearth/platform/db';
import type { Logger } from 'pino';
import { DevicePlaces } from '../../device-places';

/** Where the fueling service keeps its pumps (its migration 0001: id, tenant, station are the contract). */
export const PUMP_TABLE = 'fueling.pump';

/**
 * The station each pump stands at (`fueling.pump.station_id`), in memory (`DevicePlaces`): its
 * alarms carry it and `pumpTwinChanged(stationId)` filters by it, and the handlers may not wait on
 * the database. Without the fueling tables no pump has a station.
 */
export class PumpPlaces extends DevicePlaces<{ tenantId: string; stationId: string }> {
  constructor(db: Database, logger?: Logger) {
    super(
      db,
      { kind: 'pump', table: PUMP_TABLE, columns: `id, tenant_id::text AS "tenantId", station_id::text AS "stationId"`, what: 'the pump’s station' },
      logger,
    );
  }

  /** The pump's station when it is the tenant's; null while unknown (looked up in the background). */
  stationOf(tenantId: string, pumpId: string): string | null {
    return this.placeOf(tenantId, pumpId)?.stationId ?? null;
  }
}
