import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { SafeInt } from '@hearth/platform/graphql';
import { MeterKind, RelayState } from './meter.enums';

/** DL/T 645-2007 addresses a meter by 6 BCD bytes: 12 decimal digits. */
export const DLT645_ADDRESS = /^[0-9]{12}$/;
/** Any meter's serial: letters, digits and dashes (a gas meter's as printed). */
export const SERIAL = /^[A-Za-z0-9-]{1,32}$/;

@InputType({ description: 'A meter to register (one, or a row of an import).' })
export class RegisterMeterInput {
  @Field(() => MeterKind, { description: 'Electricity or gas.' }) kind!: MeterKind;
  @Field(() => String, {
    description:
      'Its address: an electricity meter’s DL/T 645 address, 12 digits; a gas meter’s serial, 1–32 letters, digits or dashes. Unique in your company.',
  })
  serial!: string;
  @Field(() => String, { description: 'What people call it, 1–64 characters (“Shop B1-023”).' }) name!: string;
  @Field(() => ID, { nullable: true, description: 'The site it stands at (a `Site` of yours: the mall, the home); omitted: none.' }) siteId?: string | null;
}

@InputType({ description: 'Values for the cells an import leaves empty (or the columns it leaves out): a mall’s file need not repeat its kind and site.' })
export class MeterImportDefaults {
  @Field(() => MeterKind, { nullable: true, description: 'The kind of rows without one.' }) kind?: MeterKind | null;
  @Field(() => ID, { nullable: true, description: 'The site of rows without one.' }) siteId?: string | null;
}

@InputType({ description: 'Which meters to list; every condition given must hold.' })
export class MeterFilter {
  @Field(() => ID, { nullable: true, description: 'Only those at this site.' }) siteId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only those bound to this customer.' }) customerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only those charged by this tariff.' }) tariffId?: string | null;
  @Field(() => MeterKind, { nullable: true, description: 'Only of this kind.' }) kind?: MeterKind | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only bound meters whose wallet balance is at or below the alarm 1 level of your metering policy (`meteringPolicy`); false: only the others (unbound ones included).',
  })
  lowBalance?: boolean | null;
  @Field(() => SafeInt, { nullable: true, description: 'Only bound meters whose wallet balance is below this many minor units (fen).' })
  balanceBelowMinor?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only those whose supply is protected now; false: only the others.' })
  protected?: boolean | null;
  @Field(() => RelayState, { nullable: true, description: 'Only those whose relay the service intends in this state (OPEN: cut off).' })
  relay?: RelayState | null;
  @Field(() => String, { nullable: true, description: 'Serials starting with this, or names containing it (any case), 1–64 characters.' })
  search?: string | null;
}

const name = z.string().trim().min(1, 'is empty').max(64, 'at most 64 characters');

/** A registration as every way in checks it: kind, an address of the kind's form, a name, an optional site. */
export const registerMeterSchema = z
  .object({
    kind: z.enum(MeterKind, { message: 'ELECTRICITY or GAS' }),
    serial: z.string().trim().regex(SERIAL, '1–32 letters, digits or dashes'),
    name,
    siteId: z.uuid('a site id (uuid)').nullish(),
  })
  .refine((v) => v.kind !== MeterKind.ELECTRICITY || DLT645_ADDRESS.test(v.serial), {
    message: 'an electricity meter’s serial is its DL/T 645 address: 12 digits',
    path: ['serial'],
  });
export type ValidRegistration = z.infer<typeof registerMeterSchema>;

export const meterFilterSchema = z.object({
  siteId: z.uuid('a site id (uuid)').nullish(),
  customerId: z.uuid('a customer id (uuid)').nullish(),
  tariffId: z.uuid('a tariff id (uuid)').nullish(),
  kind: z.enum(MeterKind).nullish(),
  lowBalance: z.boolean().nullish(),
  balanceBelowMinor: z.number().int().nullish(),
  protected: z.boolean().nullish(),
  relay: z.enum(RelayState).nullish(),
  search: z.string().trim().min(1, 'is empty').max(64, 'at most 64 characters').nullish(),
});

export const protectionSchema = z
  .object({
    protected: z.boolean(),
    // Blank reads as none: protecting then says what is missing.
    reason: z
      .string()
      .trim()
      .max(200, 'at most 200 characters')
      .nullish()
      .transform((r) => r || null),
    until: z.date().nullish(),
  })
  .refine((v) => !v.protected || Boolean(v.reason), { message: 'say why supply is protected (a hospital, an event…)', path: ['reason'] })
  .refine((v) => v.protected || v.until == null, { message: 'only a protection has an end', path: ['until'] });
