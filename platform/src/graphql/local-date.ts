import { LocalDateResolver } from 'graphql-scalars';
import { z } from 'zod';
import { userInputScalar } from './user-input-scalar';

/** A calendar date, `YYYY-MM-DD` (opening, validity, manufacture and inspection dates), shared by every subgraph that has one. */
export const LocalDate = userInputScalar(LocalDateResolver);

/** A `LocalDate` input as the services validate it. */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
