/** The dashboard's twin selection, as the console asks for it. */
const TWIN = `twin { levelMm volumeLiters fillPercent temperatureC online lastSeenAt version alarms { code severity state } }`;
const TANK_ROW = `id name capacityLiters maxFillPercent site { id name }`;

export interface QueryCase {
  name: 'dashboard' | 'single tank';
  /** Through a gateway: the federated query. */
  federated: { query: string; variables?: Record<string, unknown> };
  /** The floor: what each subgraph answers for it, asked directly (the gateway's two fetches). */
  tanksPart: { query: string; variables?: Record<string, unknown> };
  twinsPart: (tankIds: string[]) => { query: string; variables: Record<string, unknown> };
}

/** Tanks with their site and live twin, 50 per page: the console's tank list. */
export const dashboard: QueryCase = {
  name: 'dashboard',
  federated: { query: `query Dashboard { tanks(first: 50) { totalCount edges { cursor node { ${TANK_ROW} ${TWIN} } } pageInfo { hasNextPage endCursor } } }` },
  tanksPart: { query: `query Dashboard { tanks(first: 50) { totalCount edges { cursor node { ${TANK_ROW} } } pageInfo { hasNextPage endCursor } } }` },
  twinsPart: (ids) => twinEntities(ids),
};

/** One tank by id with its site and twin: a detail page. */
export const singleTank = (id: string): QueryCase => ({
  name: 'single tank',
  federated: { query: `query Tank($id: ID!) { tank(id: $id) { ${TANK_ROW} ${TWIN} } }`, variables: { id } },
  tanksPart: { query: `query Tank($id: ID!) { tank(id: $id) { ${TANK_ROW} } }`, variables: { id } },
  twinsPart: (ids) => twinEntities(ids),
});

/** The entity fetch a gateway sends the twins subgraph for those tanks. */
const twinEntities = (ids: string[]) => ({
  query: `query Twins($r: [_Any!]!) { _entities(representations: $r) { ... on Tank { ${TWIN} } } }`,
  variables: { r: ids.map((id) => ({ __typename: 'Tank', id })) },
});

export async function postGraphql<T>(
  url: string,
  headers: Record<string, string>,
  body: { query: string; variables?: Record<string, unknown> },
): Promise<{ text: string; data: T }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  const json = JSON.parse(text) as { data?: T; errors?: unknown };
  if (!res.ok || json.errors || !json.data) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return { text, data: json.data };
}
