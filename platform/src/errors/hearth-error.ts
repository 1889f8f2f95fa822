import { GraphQLError } from 'graphql';
import type { ErrorCode } from './error-codes';

/** One error type for the whole API: a message for people, a code from the registry for programs. */
export class HearthError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'HearthError';
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

export const badInput = (problems: FieldProblem[]) =>
  new HearthError('BAD_USER_INPUT', `Invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, { fields: problems });

export const notFound = (entity: string, id: string) => new HearthError('NOT_FOUND', `${entity} ${id} was not found.`, { entity, id });
