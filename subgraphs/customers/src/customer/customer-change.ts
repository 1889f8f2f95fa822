import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '@hearth/platform/graphql';

@ObjectType({ description: 'One change of a customer record, from the audit log: who changed what, when; ID and phone numbers masked.' })
export class CustomerChange {
  @Field(() => Date, { description: 'When it was changed.' }) at!: Date;
  @Field(() => String, { description: '`user:<id>`, `apiKey:<id>`, `service:<id>` or `system`.' }) actor!: string;
  @Field(() => String, {
    description:
      'What happened: `customer.created`, `customer.updated`, `customer.blacklisted`, `customer.ownership-transferred`, `gas-permit.issued`, `contract.recorded`, `customer.pii-read`, …; money moves are on the account’s statement, not here',
  })
  action!: string;
  @Field(() => String, { description: 'Details as a JSON object: changed fields `before` and `after`, or what was posted.' }) details!: string;
}

export const CustomerChangeConnection = ConnectionType(CustomerChange, 'CustomerChange');
