import { z } from 'zod';

/**
 * A gas detector's two alarm levels in % LEL (lower explosive limit). The first warns (and in a
 * home sounds the detector's own alarm), the second means an explosive atmosphere is near: its
 * alarm closes the shut-off valve. GB/T 50493-2019 §5.5.3 caps industrial set points at 25 % LEL
 * (first) and 50 % LEL (second); household detectors (GB 15322.2) leave the first lower, 20 % by
 * convention. Both levels are set per detector.
 */
export interface DetectorLevels {
  firstLel: number;
  secondLel: number;
  /** An industrial installation: its levels may not exceed the standard's caps. */
  industrial: boolean;
}

export const defaultDetectorLevels: DetectorLevels = { firstLel: 20, secondLel: 50, industrial: false };
export const INDUSTRIAL_MAX_FIRST_LEL = 25;
export const INDUSTRIAL_MAX_SECOND_LEL = 50;

/**
 * Hysteresis: an alarm raised at a level clears only once the reading falls this far below it. A
 * catalytic or infrared cell reads a few % LEL of noise near its alarm point; without a dead band a
 * reading hovering at the level would raise and clear an alarm per sample (an alarm storm, ISA-18.2 §10).
 */
export const LEL_DEADBAND = 2;

/** Valid levels: first below second, both within the sensor's range, and the industrial caps. */
export const detectorLevelsSchema = z
  .object({
    firstLel: z.number().min(1).max(90),
    secondLel: z.number().min(2).max(100),
    industrial: z.boolean(),
  })
  .refine((l) => l.secondLel > l.firstLel, { message: 'the second level must be above the first', path: ['secondLel'] })
  .refine((l) => !l.industrial || l.firstLel <= INDUSTRIAL_MAX_FIRST_LEL, {
    message: `an industrial detector's first level is at most ${INDUSTRIAL_MAX_FIRST_LEL} % LEL (GB/T 50493-2019)`,
    path: ['firstLel'],
  })
  .refine((l) => !l.industrial || l.secondLel <= INDUSTRIAL_MAX_SECOND_LEL, {
    message: `an industrial detector's second level is at most ${INDUSTRIAL_MAX_SECOND_LEL} % LEL (GB/T 50493-2019)`,
    path: ['secondLel'],
  });

/** Whether a gas level's alarm holds at `lel`: at or above the level, or still above it less the dead band once raised. */
export const gasAlarmHolds = (lel: number, level: number, active: boolean): boolean => lel >= level || (active && lel > level - LEL_DEADBAND);
