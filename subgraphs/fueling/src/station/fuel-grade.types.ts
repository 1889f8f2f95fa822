import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** What a grade is, by the standard it is sold under. */
export enum FuelProduct {
  GASOLINE = 'GASOLINE',
  DIESEL = 'DIESEL',
  LPG = 'LPG',
  CNG = 'CNG',
  LNG = 'LNG',
}

registerEnumType(FuelProduct, {
  name: 'FuelProduct',
  description: 'The product a fuel grade is.',
  valuesConfig: {
    GASOLINE: { description: 'Motor gasoline (GB 17930).' },
    DIESEL: { description: 'Automotive diesel (GB 19147).' },
    LPG: { description: 'LPG autogas (GB 19159).' },
    CNG: { description: 'Compressed natural gas for vehicles (GB 18047).' },
    LNG: { description: 'Liquefied natural gas for vehicles.' },
  },
});

@ObjectType({ description: 'A grade your stations sell (92#, 0# diesel …): nozzles deliver one and prices are set per grade.' })
export class FuelGrade {
  @Field(() => String, { description: 'Code, unique in your company (`92#`, `0#`, `LPG`).' }) code!: string;
  @Field(() => String, { description: 'Name shown to people and on receipts.' }) name!: string;
  @Field(() => FuelProduct, { description: 'The product it is.' }) product!: FuelProduct;
}

/** The columns of `fueling.grade` as a `FuelGrade`. */
export const GRADE_COLUMNS = `code, name, product`;
