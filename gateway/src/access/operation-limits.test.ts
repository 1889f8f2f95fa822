import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { asksForSchema, DEFAULT_LIMITS, limitErrors, measureOperation, tokenLimitError } from './operation-limits';

const schema = buildSchema(`
  type Query { tanks(first: Int = 50): TankConnection! tank(id: ID!): Tank }
  type TankConnection { edges: [TankEdge!]! }
  type TankEdge { node: Tank! }
  type Tank { id: ID! name: String! site: Site! alarms: [Alarm!]! history(maxPoints: Int = 500): [Reading!]! }
  type Site { name: String! tanks(first: Int = 50): TankConnection! }
  type Alarm { code: String! }
  type Reading { levelMm: Float }
`);
const check = (query: string, variables: Record<string, unknown> = {}, limits = DEFAULT_LIMITS) => {
  const size = measureOperation(schema, parse(query), undefined, variables);
  return (size ? limitErrors(size, limits) : []).map((e) => e.extensions);
};

describe('operation limits', () => {
  it('lets a dashboard query through', () => {
    expect(check('{ tanks(first: 50) { edges { node { id name site { name } alarms { code } } } } }')).toEqual([]);
  });

  it('prices pages by their size, variables included, and unbounded lists by ten', () => {
    // 50 tanks × (1 + node(1 + id + alarms 10×(1+code))) …: the exact figure matters less than its growth.
    const small = check(
      'query($n: Int) { tanks(first: $n) { edges { node { history(maxPoints: 10) { levelMm } } } } }',
      { n: 2 },
      { ...DEFAULT_LIMITS, maxCost: 1 },
    );
    const large = check(
      'query($n: Int) { tanks(first: $n) { edges { node { history(maxPoints: 10) { levelMm } } } } }',
      { n: 200 },
      { ...DEFAULT_LIMITS, maxCost: 1 },
    );
    expect((large[0]!.value as number) / (small[0]!.value as number)).toBeCloseTo(100, 0);
    expect(check('{ tanks(first: 200) { edges { node { site { tanks(first: 200) { edges { node { history(maxPoints: 500) { levelMm } } } } } } } } }')).toEqual(
      [expect.objectContaining({ code: 'OPERATION_TOO_COMPLEX', limit: 'cost', max: DEFAULT_LIMITS.maxCost })],
    );
  });

  it('counts depth through fragments and refuses deeper nesting', () => {
    const deep = `{ tanks { edges { node { ...T } } } } fragment T on Tank { site { tanks { edges { node { site { tanks { edges { node { site { name } } } } } } } } } }`;
    expect(check(deep, {}, { ...DEFAULT_LIMITS, maxDepth: 8, maxCost: 1e9 })).toEqual([expect.objectContaining({ limit: 'depth', value: 12, max: 8 })]);
  });

  it('counts aliases', () => {
    const many = `{ ${Array.from({ length: 31 }, (_, i) => `t${i}: tank(id: "${i}") { id }`).join(' ')} }`;
    expect(check(many)).toEqual([expect.objectContaining({ limit: 'aliases', value: 31, max: 30 })]);
  });

  it('names the token limit and spots introspection', () => {
    let error: Error | undefined;
    try {
      parse(`{ ${'a '.repeat(100)} }`, { maxTokens: 50 });
    } catch (e) {
      error = e as Error;
    }
    expect(tokenLimitError(error!, 50)?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'tokens', max: 50 });
    expect(asksForSchema(parse('{ __schema { types { name } } }'))).toBe(true);
    expect(asksForSchema(parse('query { tank(id: "1") { ...F } } fragment F on Tank { __type: name }'))).toBe(false);
    expect(asksForSchema(parse('{ tanks { ...F } } fragment F on TankConnection { x: __type(name: "Tank") { name } }'))).toBe(true);
  });
});
