import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { LocalDate, validateInput, type SubgraphContext } from '@hearth/platform/graphql';
import { z } from 'zod';
import { FuelAnomalyReport } from './anomaly-report.types';
import { FuelReportDimension, FuelReportPeriod } from './report.enums';
import type { ReportService } from './report.service';
import { FuelSalesReport } from './sales-report.types';
import { FuelWetStockReport } from './wet-stock.types';

// `LocalDate` refuses a day that is not one. Years before 1900 are refused too: the calendar
// arithmetic (Date.UTC) reads years 0–99 as 1900–1999, and no fuel was sold by Hearth then.
const reportDay = z.string().refine((d) => d >= '1900-01-01' && d <= '9999-12-31', 'a day in the years 1900–9999');
const dayOnly = z.object({ day: reportDay });
const firstSchema = z.object({ day: reportDay, first: z.number().int().min(1, 'at least 1').max(200, 'at most 200') });

@Resolver()
export class FuelReportResolver {
  constructor(private readonly reports: ReportService) {}

  @Query(() => FuelSalesReport, {
    nullable: true,
    description:
      'Settled sales of the day, month or year containing `day` (company calendar), totalled and grouped as asked; null for a station that is not yours.',
  })
  fuelSalesReport(
    @Ctx() ctx: SubgraphContext,
    @Arg('period', () => FuelReportPeriod, { defaultValue: FuelReportPeriod.DAY, description: 'DAY, MONTH or YEAR.' }) period: FuelReportPeriod,
    @Arg('day', () => LocalDate, { description: 'A day of the period, YYYY-MM-DD.' }) day: string,
    @Arg('stationId', () => ID, { nullable: true, description: 'Only this station; omitted: every station of yours.' }) stationId: string | null,
    @Arg('groupBy', () => [FuelReportDimension], { defaultValue: [], description: 'Group rows by these, in this order; empty: totals only.' })
    groupBy: FuelReportDimension[],
  ) {
    validateInput(dayOnly, { day });
    return this.reports.sales(ctx.tenantId, period, day, stationId ?? null, groupBy);
  }

  @Query(() => FuelAnomalyReport, {
    nullable: true,
    description: 'The sales of a day the anomaly rules flagged: counts per rule and the sales themselves; null for a station that is not yours.',
  })
  fuelAnomalies(
    @Ctx() ctx: SubgraphContext,
    @Arg('day', () => LocalDate, { description: 'The day, YYYY-MM-DD (company calendar).' }) day: string,
    @Arg('stationId', () => ID, { nullable: true, description: 'Only this station; omitted: every station of yours.' }) stationId: string | null,
    @Arg('first', () => Int, { defaultValue: 40, description: 'How many flagged sales to list, 1–200 (the gateway’s cost limit weighs each with its fields).' })
    first: number,
  ) {
    validateInput(firstSchema, { day, first });
    return this.reports.anomalies(ctx.tenantId, day, stationId ?? null, first);
  }

  @Query(() => FuelWetStockReport, {
    nullable: true,
    description:
      'A station’s tanks for a day (today: so far): litres sold against the gauges’ measured outflow, and the variance. Null when the station is not yours.',
  })
  wetStockReconciliation(
    @Ctx() ctx: SubgraphContext,
    @Arg('stationId', () => ID, { description: 'The fuel station (its site id).' }) stationId: string,
    @Arg('day', () => LocalDate, { description: 'The day, YYYY-MM-DD (company calendar).' }) day: string,
  ) {
    validateInput(dayOnly, { day });
    return this.reports.wetStockReconciliation(ctx.tenantId, stationId, day);
  }
}
