import type { Client, TypedDocumentNode } from '@urql/core';
import { m } from '$paraglide/messages';
import type { Connection } from './types';

/** One query from the network; its error (or an empty answer) thrown. */
export async function queryData<Data>(client: Client, query: TypedDocumentNode<Data, object>, variables: object): Promise<Data> {
  const result = await client.query<Data>(query, variables, { requestPolicy: 'network-only' }).toPromise();
  if (result.error) throw result.error;
  if (!result.data) throw new Error(m.error_no_data());
  return result.data;
}

/** Every page of a connection, `first` at a time. */
export async function readAll<T, Data>(
  client: Client,
  query: TypedDocumentNode<Data, object>,
  pick: (data: Data) => Connection<T>,
  first: number,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Connection<T> = pick(await queryData(client, query, { first, after }));
    all.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return all;
    after = page.pageInfo.endCursor;
  }
}
