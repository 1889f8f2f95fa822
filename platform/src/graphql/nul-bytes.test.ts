import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { nulInLiterals, nulInVariables } from './nul-bytes';

describe('NUL characters in GraphQL input', () => {
  it('names the argument whose literal holds one', () => {
    expect(nulInLiterals(parse('{ device(kind: TANK, id: "a\\u0000") { id } }'))).toBe('id');
    expect(nulInLiterals(parse('{ bind(input: { name: "x", note: "\\u0000" }) { id } }'))).toBe('input');
    expect(nulInLiterals(parse('{ device(kind: TANK, id: "a") { id } }'))).toBeUndefined();
  });

  it('names the variable path whose value or key holds one', () => {
    expect(nulInVariables({ input: { tags: ['ok', 'b\u0000'] } })).toBe('$input.tags.1');
    expect(nulInVariables({ input: { 'k\u0000': 1 } })).toBe('$input.k\u0000');
    expect(nulInVariables({ id: 'a', n: 3, list: [null] })).toBeUndefined();
    expect(nulInVariables(undefined)).toBeUndefined();
  });
});
