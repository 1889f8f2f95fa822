import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDate, Minor, SafeInt } from '@hearth/platform/graphql';
import { FuelReportDimension, FuelReportPeriod, StationShift } from './report.enums';

@ObjectType({ description: 'What a set of settled sales adds up to.' })
export class FuelSalesFigures {
  @Field(() => Int, { description: 'How many sales.' }) salesCount!: number;
  @Field(() => SafeInt, { description: 'Volume sold, ml.' }) volumeMl!: number;
  @Field(() => Minor, { description: 'Amount sold, fen.' }) amountMinor!: number;
  @Field(() => Minor, { description: 'Of it, paid with a card (including sales recorded UNFUNDED, listed by `fuelAnomalies`), fen.' })
  cardAmountMinor!: number;
  @Field(() => Minor, { description: 'Of it, paid in cash (no card), fen.' }) cashAmountMinor!: number;
}

@ObjectType({ description: 'A row of a sales report: the figures of one group; only the fields grouped by are set.' })
export class FuelSalesReportRow extends FuelSalesFigures {
  @Field(() => ID, { nullable: true, description: 'The station (site id), when grouped by STATION.' }) stationId!: string | null;
  @Field(() => String, { nullable: true, description: 'The grade, when grouped by GRADE.' }) gradeCode!: string | null;
  @Field(() => ID, { nullable: true, description: 'The card, when grouped by CARD and the card is one of yours.' }) cardId!: string | null;
  @Field(() => String, { nullable: true, description: 'The card number paid with, when grouped by CARD; null: cash.' }) cardNumber!: string | null;
  @Field(() => ID, { nullable: true, description: 'The pump, when grouped by PUMP.' }) pumpId!: string | null;
  @Field(() => StationShift, { nullable: true, description: 'The shift, when grouped by SHIFT.' }) shift!: StationShift | null;
  @Field(() => Date, { nullable: true, description: 'When that shift began, when grouped by SHIFT (a night shift may have begun the day before).' })
  shiftStartsAt!: Date | null;
}

@ObjectType({ description: 'Settled sales of a day, month or year in the company’s calendar, by when fuelling ended.' })
export class FuelSalesReport {
  @Field(() => FuelReportPeriod, { description: 'The period asked for.' }) period!: FuelReportPeriod;
  @Field(() => LocalDate, { description: 'The day asked for.' }) day!: string;
  @Field(() => LocalDate, { description: 'The period’s first day.' }) firstDay!: string;
  @Field(() => LocalDate, { description: 'The period’s last day.' }) lastDay!: string;
  @Field(() => Date, { description: 'The first instant counted.' }) from!: Date;
  @Field(() => Date, { description: 'The instant the period ends (not counted).' }) to!: Date;
  @Field(() => String, { description: 'The time zone of the company’s calendar (IANA).' }) timeZone!: string;
  @Field(() => ID, { nullable: true, description: 'The station reported on; null: every station of yours.' }) stationId!: string | null;
  @Field(() => [FuelReportDimension], { description: 'What the rows are grouped by.' }) groupBy!: FuelReportDimension[];
  @Field(() => FuelSalesFigures, { description: 'The whole period.' }) totals!: FuelSalesFigures;
  @Field(() => [FuelSalesReportRow], { description: 'One row per group, in the order of `groupBy`; empty when not grouped.' })
  rows!: FuelSalesReportRow[];
}
