import type { z } from 'zod';
import { badInput } from '../errors/hearth-error';

/** Validates resolver input with zod; every problem becomes one entry of a BAD_USER_INPUT error. */
export function validateInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badInput(result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(input)', message: issue.message })));
}

/** The fields of a validated update that were given (undefined: left as it is; null clears). */
export const definedFields = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
