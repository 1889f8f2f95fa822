import { SafeIntResolver } from 'graphql-scalars';
import { userInputScalar } from './user-input-scalar';

/**
 * Money in integer minor units (fen): any whole number JavaScript holds exactly (±2^53−1), never a
 * float. GraphQL's `SafeInt`, shared by every subgraph that moves money.
 */
export const Minor = userInputScalar(SafeIntResolver);

/**
 * Whole numbers that pass GraphQL's 32-bit `Int` (a nozzle's totaliser in ml, a year's volume, a
 * transaction counter): the same `SafeInt` scalar, named for what it holds.
 */
export const SafeInt = Minor;
