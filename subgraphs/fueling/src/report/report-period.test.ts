import { describe, expect, it } from 'vitest';
import { FuelReportPeriod } from './report.enums';
import { reportPeriod } from './report-period';

describe('reportPeriod', () => {
  it('gives a day from midnight to midnight in Beijing', () => {
    expect(reportPeriod(FuelReportPeriod.DAY, '2024-03-01')).toMatchObject({
      firstDay: '2024-03-01',
      lastDay: '2024-03-01',
      from: new Date('2024-02-29T16:00:00Z'),
      to: new Date('2024-03-01T16:00:00Z'),
    });
  });

  it('gives the month and the year containing the day, across a leap February and the turn of a year', () => {
    expect(reportPeriod(FuelReportPeriod.MONTH, '2024-02-17')).toMatchObject({ firstDay: '2024-02-01', lastDay: '2024-02-29' });
    expect(reportPeriod(FuelReportPeriod.MONTH, '2024-12-31')).toMatchObject({
      firstDay: '2024-12-01',
      lastDay: '2024-12-31',
      to: new Date('2024-12-31T16:00:00Z'),
    });
    expect(reportPeriod(FuelReportPeriod.YEAR, '2024-06-30')).toMatchObject({
      firstDay: '2024-01-01',
      lastDay: '2024-12-31',
      from: new Date('2023-12-31T16:00:00Z'),
      to: new Date('2024-12-31T16:00:00Z'),
    });
  });

  it('follows a zone’s clock changes (a day of 23 hours in spring)', () => {
    const p = reportPeriod(FuelReportPeriod.DAY, '2024-03-31', 'Europe/Berlin');
    expect(p.to.getTime() - p.from.getTime()).toBe(23 * 3_600_000);
  });
});
