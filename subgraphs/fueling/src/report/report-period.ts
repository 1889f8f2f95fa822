import { startOfDayIn } from '@hearth/platform/domain';
import { CARD_TIME_ZONE } from '../card/card-usage';
import { FuelReportPeriod, StationShift } from './report.enums';

/**
 * The company's calendar for reports: the one card limits count in, so a card's day limit and the
 * day report agree on which sales were "today". A sale belongs to the instant fuelling ended (as
 * for card limits): a sale ending at 23:59:59 counts on that day, one ending at 00:00:00 on the next.
 */
export const REPORT_TIME_ZONE = CARD_TIME_ZONE;

/**
 * A station's shifts (班次), each from its start on the local wall clock until the next one's start:
 * the same two for every station until stations keep rosters of their own. A shift worked is named
 * by when it began, so the NIGHT shift of 1 March runs from 20:00 that day to 08:00 on 2 March; a
 * day's report by shift shows the end of the night before (00:00–08:00) apart from the night that
 * begins at 20:00, and a crew's handover figures are one row however the calendar cuts them.
 */
export const STATION_SHIFTS: readonly { shift: StationShift; startsAtMinute: number }[] = [
  { shift: StationShift.DAY, startsAtMinute: 8 * 60 },
  { shift: StationShift.NIGHT, startsAtMinute: 20 * 60 },
];

/** The instants and calendar days a report covers: [from, to). */
export interface ReportPeriod {
  period: FuelReportPeriod;
  day: string;
  firstDay: string;
  lastDay: string;
  from: Date;
  to: Date;
  timeZone: string;
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The day, month or year containing `day` (YYYY-MM-DD) in the company's calendar. */
export function reportPeriod(period: FuelReportPeriod, day: string, timeZone: string = REPORT_TIME_ZONE): ReportPeriod {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  // Date.UTC rolls month 13 into January and day 0 into the month before's last day.
  const [first, next] =
    period === FuelReportPeriod.DAY
      ? [Date.UTC(y, m - 1, d), Date.UTC(y, m - 1, d + 1)]
      : period === FuelReportPeriod.MONTH
        ? [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1)]
        : [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  const startOf = (ms: number) => {
    const at = new Date(ms);
    return startOfDayIn(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), timeZone);
  };
  return { period, day, firstDay: isoDay(first), lastDay: isoDay(next - 86_400_000), from: startOf(first), to: startOf(next), timeZone };
}
