import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { z } from 'zod';
import { userInputScalar } from '@hearth/platform/graphql';

/** A calendar date, `YYYY-MM-DD` (opening, exchange, termination, validity dates). */
export const LocalDate = userInputScalar(LocalDateResolver);

/** Money in integer minor units (fen): any whole number JavaScript holds exactly (±2^53−1), never a float. */
export const Minor = userInputScalar(SafeIntResolver);

/** A `LocalDate` input as the services validate it. */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** Today's date (UTC), `YYYY-MM-DD`. */
export const today = (): string => new Date().toISOString().slice(0, 10);
