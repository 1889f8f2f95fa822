import { GraphQLScalarType } from 'graphql';
import { HearthError } from '../errors/hearth-error';

/**
 * The same scalar, refusing a bad value with BAD_USER_INPUT. graphql-js reports a value a
 * scalar refuses in a literal argument as a validation error (spec §5.6.1), which Apollo
 * Server codes GRAPHQL_VALIDATION_FAILED; the code carried by the scalar's own error tells the
 * error formatting that the document was sound and one value in it was not.
 */
export function userInputScalar(scalar: GraphQLScalarType): GraphQLScalarType {
  const config = scalar.toConfig();
  const refusing =
    <A extends unknown[]>(parse: (...args: A) => unknown) =>
    (...args: A) => {
      try {
        return parse(...args);
      } catch (err) {
        throw new HearthError('BAD_USER_INPUT', err instanceof Error ? err.message : `Invalid ${scalar.name} value.`);
      }
    };
  return new GraphQLScalarType({ ...config, parseValue: refusing(config.parseValue), parseLiteral: refusing(config.parseLiteral) });
}
