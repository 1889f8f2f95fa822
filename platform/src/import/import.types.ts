import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** How an import's `data` is written. Served by every subgraph with an import, so identical in each (Federation 2 enums must be). */
export enum ImportFormat {
  CSV = 'CSV',
  JSON = 'JSON',
}
registerEnumType(ImportFormat, {
  name: 'ImportFormat',
  description: 'CSV with a header row naming the columns, or a JSON array of objects.',
  valuesConfig: {
    CSV: { description: 'Comma-separated (RFC 4180) with a header row naming the columns in any order, case-insensitive; an empty cell counts as omitted.' },
    JSON: { description: 'An array of objects, one per row, keyed by the column names exactly; values are strings or numbers, null counts as omitted.' },
  },
});

/** What is wrong with a row of an import; `@shareable` because several subgraphs return it. */
@ObjectType({ description: 'Why a row of an import was refused.' })
@Directive('@shareable')
export class ImportProblem {
  @Field(() => Int, { description: 'Data row, from 1 (the CSV header is not counted); 0 for the file as a whole.' }) row!: number;
  @Field(() => Int, { nullable: true, description: 'The CSV line the row starts on.' }) line!: number | null;
  @Field(() => String, { nullable: true, description: 'The column at fault.' }) field!: string | null;
  @Field(() => String, { description: 'What is wrong, for people.' }) message!: string;
}
