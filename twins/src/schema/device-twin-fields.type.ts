import { Field, ID, Int, ObjectType } from 'type-graphql';

/** What every device twin shows of its connectivity and version (DESIGN §4), whatever its kind. */
// A base class only: no field returns it, so the schema never lists it (type-graphql emits reachable types).
@ObjectType()
export abstract class DeviceTwinFields {
  @Field(() => Boolean, { description: 'Reachable: its gateway is connected and it is not stale.' }) online!: boolean;
  @Field(() => Boolean, { description: 'Its gateway is connected but it has been silent past its kind’s timeout.' }) stale!: boolean;
  @Field(() => Date, { nullable: true, description: 'When it was last heard from.' }) lastSeenAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Time of the newest report applied.' }) reportedAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The IoT gateway it last reported through.' }) gatewayId!: string | null;
  @Field(() => Int, { description: 'Bumped by every change.' }) version!: number;
}
