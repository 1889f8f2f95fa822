import { BREAK, visit, type DocumentNode } from 'graphql';
import { HearthError } from '../errors/hearth-error';

/**
 * PostgreSQL's text types cannot hold the character U+0000 ("The character with code zero
 * cannot be stored", PostgreSQL manual §8.3), so a string carrying one fails inside the
 * database as an internal error. GraphQL lets it through (`"\u0000"` is a valid escape,
 * spec §2.9.4), hence this check at the door: the caller learns which value was wrong.
 */
const NUL = '\u0000';

/** The argument whose literal string in the document holds U+0000, if one does. */
export function nulInLiterals(document: DocumentNode): string | undefined {
  let argument = '(literal)';
  let found: string | undefined;
  visit(document, {
    Argument: {
      enter: (node) => void (argument = node.name.value),
      leave: () => void (argument = '(literal)'),
    },
    StringValue: (node) => {
      if (!node.value.includes(NUL)) return undefined;
      found = argument;
      return BREAK;
    },
  });
  return found;
}

/** The path (`$input.name`) of a variable value or key holding U+0000, if one does. */
export function nulInVariables(variables: Record<string, unknown> | null | undefined): string | undefined {
  const walk = (value: unknown, path: string): string | undefined => {
    if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
    if (!value || typeof value !== 'object') return undefined;
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : `$${key}`;
      const found = key.includes(NUL) ? at : walk(item, at);
      if (found) return found;
    }
    return undefined;
  };
  return walk(variables, '');
}

/** BAD_USER_INPUT (HTTP 400) naming the value that holds U+0000. */
export function nulByteError(field: string): HearthError {
  return new HearthError('BAD_USER_INPUT', `Invalid input: ${field}: contains the character U+0000, which text cannot hold. Remove it.`, {
    fields: [{ field, message: 'contains the character U+0000, which text cannot hold' }],
    http: { status: 400 },
  });
}
