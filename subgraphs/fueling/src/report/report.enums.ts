import { registerEnumType } from 'type-graphql';

export enum FuelReportPeriod {
  DAY = 'DAY',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}
registerEnumType(FuelReportPeriod, {
  name: 'FuelReportPeriod',
  description: 'The calendar period a report covers, in the company’s calendar (a day starts at midnight in Beijing).',
  valuesConfig: {
    DAY: { description: 'The day itself (日报).' },
    MONTH: { description: 'The calendar month containing the day (月报).' },
    YEAR: { description: 'The calendar year containing the day (年报).' },
  },
});

export enum FuelReportDimension {
  STATION = 'STATION',
  GRADE = 'GRADE',
  CARD = 'CARD',
  PUMP = 'PUMP',
  SHIFT = 'SHIFT',
}
registerEnumType(FuelReportDimension, {
  name: 'FuelReportDimension',
  description: 'What a sales report’s rows are grouped by; several combine (by station and grade, …).',
  valuesConfig: {
    STATION: { description: 'The station sold at.' },
    GRADE: { description: 'The grade sold.' },
    CARD: { description: 'The card paid with; cash sales form one row without a card.' },
    PUMP: { description: 'The pump (fuelling point) sold at.' },
    SHIFT: { description: 'The station shift (班次) fuelling ended in: each shift worked is a row of its own.' },
  },
});

export enum StationShift {
  DAY = 'DAY',
  NIGHT = 'NIGHT',
}
registerEnumType(StationShift, {
  name: 'StationShift',
  description: 'A station’s shift (班次): for now the same two for every station, DAY 08:00–20:00 and NIGHT 20:00–08:00 local time.',
  valuesConfig: {
    DAY: { description: '08:00–20:00.' },
    NIGHT: { description: '20:00–08:00 the next morning.' },
  },
});
