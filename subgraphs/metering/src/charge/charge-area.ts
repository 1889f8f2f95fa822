import type { DomainArea, DomainDeps } from '@hearth/platform/service';
import { tableExists } from '@hearth/platform/db';
import { Periodic, TableFollower } from '@hearth/platform/service';
import { tariffVersionsFor } from '../tariff/tariff-versions';
import { DEFAULT_CHARGE_SETTINGS } from './charge-readings';
import { MeterChargeResolver } from './charge.resolver';
import { METER_READING_TABLE } from './meter-readings.store';
import { DEFAULT_READING_INTAKE, ReadingIntake, type ReadingIntakeSettings } from './reading-intake';

/** The twins' meter kind NOTIFYs here once per committing batch of readings (payload ignored). */
export const METER_READING_CHANNEL = 'twins_meter_reading';

export interface ChargeAreaSettings {
  intake: ReadingIntakeSettings;
  /** How often the intake looks without a notice, ms. */
  intakeMs: number;
  /** How often readings the cursor passed over are looked for (a day back), ms. */
  sweepMs: number;
}

export const DEFAULT_CHARGE_AREA: ChargeAreaSettings = {
  intake: { ...DEFAULT_CHARGE_SETTINGS, ...DEFAULT_READING_INTAKE },
  intakeMs: 1_000,
  sweepMs: 300_000,
};

/** Charges: meters' readings judged and charged once with their debit, meters replaced, `meterCharges`. */
export interface ChargeArea extends DomainArea {
  intake: ReadingIntake;
  readings: TableFollower;
}

export function createChargeArea(deps: DomainDeps, settings: ChargeAreaSettings = DEFAULT_CHARGE_AREA): ChargeArea {
  // The supply area hears of the meters charged through `metering_meter_balance`, sent with each batch.
  const intake = new ReadingIntake(deps.db, settings.intake, tariffVersionsFor, deps.logger);
  // Quietly nothing until the twins service has made its readings table.
  const readings = new TableFollower({
    name: 'meter reading intake',
    db: deps.db,
    pollMs: settings.intakeMs,
    channel: METER_READING_CHANNEL,
    tables: [METER_READING_TABLE],
    run: () => intake.run(),
  });
  const sweep = new Periodic(
    'missed readings sweep',
    settings.sweepMs,
    async () => ((await tableExists(deps.db, METER_READING_TABLE)) ? intake.sweep() : 0),
    deps.logger,
  );
  return {
    intake,
    readings,
    resolvers: [new MeterChargeResolver(deps.db, settings.intake, tariffVersionsFor)],
    start: async () => {
      sweep.start();
      // Catches up on what was stored while the service was down, before its first tick.
      await readings.start(deps.logger);
    },
    stop: async () => {
      await readings.stop();
      await sweep.stop();
    },
  };
}
