import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { userInputScalar } from '@hearth/platform/graphql';

/** A calendar date, `YYYY-MM-DD` (opening, exchange, termination, validity dates). */
export const LocalDate = userInputScalar(LocalDateResolver);

/** Money in integer minor units (fen): any whole number JavaScript holds exactly (±2^53−1), never a float. */
export const Minor = userInputScalar(SafeIntResolver);
