import {
  createSourceEventStream,
  execute,
  isInputType,
  Kind,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import { buildExecutionContext } from 'graphql/execution/execute';

/** A scalar every federation subgraph has, whose input coercion is the identity. */
const PASS_THROUGH = '_Any';

/**
 * Subscriptions whose variables are coerced once, when they start, instead of for every event.
 * graphql 16 runs a full `execute` per event, and `execute` coerces every variable again: a
 * subscription to a thousand tanks coerced a thousand ids for each tank change. Per event, the
 * variables are declared as the pass-through `_Any` and given their values as coerced at the
 * start; argument values read from variables are taken as they are, so resolvers see exactly
 * what they would have. Without `_Any` in the schema this is graphql's own `subscribe`.
 */
export async function subscribeOnceCoerced(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const started = buildExecutionContext(args);
  const perEvent: ExecutionArgs =
    'schema' in started && isInputType(args.schema.getType(PASS_THROUGH))
      ? { ...args, document: withPassThroughVariables(args.document), variableValues: started.variableValues }
      : args;
  return mapEvents(stream, (payload) => execute({ ...perEvent, rootValue: payload }));
}

function withPassThroughVariables(document: DocumentNode): DocumentNode {
  return {
    ...document,
    definitions: document.definitions.map((definition) =>
      definition.kind !== Kind.OPERATION_DEFINITION
        ? definition
        : ({
            ...definition,
            variableDefinitions: definition.variableDefinitions?.map((variable) => ({
              ...variable,
              type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: PASS_THROUGH } },
              defaultValue: undefined,
            })),
          } satisfies OperationDefinitionNode),
    ),
  };
}

/**
 * Each source event mapped through `map`. Not an async generator: a generator's return() waits
 * for the next event, and a subscriber who leaves a quiet source must release it at once.
 */
function mapEvents<T>(source: AsyncIterable<unknown>, map: (payload: unknown) => T | Promise<T>): AsyncIterableIterator<T> {
  const events = source[Symbol.asyncIterator]();
  const done = async (): Promise<IteratorResult<T>> => (await events.return?.(), { value: undefined, done: true });
  return {
    next: async () => {
      const event = await events.next();
      return event.done ? { value: undefined, done: true } : { value: await map(event.value), done: false };
    },
    return: done,
    throw: async (err: unknown) => {
      await done();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
