import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { GRADE_CODE } from './grade.input';

@InputType({ description: 'A nozzle of a pump being registered.' })
export class NozzleInput {
  @Field(() => Int, { description: 'Its number on the pump, 1–8, each once.' }) number!: number;
  @Field(() => String, { description: 'The grade it delivers (a `FuelGrade` code of yours).' }) gradeCode!: string;
  @Field(() => ID, { nullable: true, description: 'The tank it draws from: a tank of yours at the pump’s station; omitted: none recorded.' })
  tankId?: string | null;
}

@InputType({ description: 'A pump to register; registering an id again replaces its station, names and nozzles.' })
export class RegisterPumpInput {
  @Field(() => ID, { description: 'Its device id: 1–64 letters, digits, `.`, `_`, `:` or `-`.' }) id!: string;
  @Field(() => ID, { description: 'The fuel station (its site id) it stands at.' }) stationId!: string;
  @Field(() => String, { description: 'The dispenser it is on, 1–32 characters.' }) dispenser!: string;
  @Field(() => String, { description: 'Its name, 1–64 characters.' }) name!: string;
  @Field(() => [NozzleInput], { description: 'All its nozzles, 1–8.' }) nozzles!: NozzleInput[];
}

export const registerPumpSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, '1–64 letters, digits, ., _, : or -'),
  stationId: z.string().trim().min(1),
  dispenser: z.string().trim().min(1, 'name the dispenser').max(32, 'at most 32 characters'),
  name: z.string().trim().min(1, 'give a name').max(64, 'at most 64 characters'),
  nozzles: z
    .array(
      z.object({
        number: z.number().int().min(1, 'nozzles are numbered 1–8').max(8, 'nozzles are numbered 1–8'),
        gradeCode: z.string().trim().regex(GRADE_CODE, 'a grade code'),
        tankId: z.uuid('a tank id (uuid)').nullish(),
      }),
    )
    .min(1, 'a pump has at least one nozzle')
    .max(8, 'a pump has at most 8 nozzles')
    .refine((ns) => new Set(ns.map((n) => n.number)).size === ns.length, 'each nozzle number once'),
});
