/** The dashboard's twin selection, as the console asks for it. */
const TWIN = `twin { levelMm volumeLiters fillPercent temperatureC online lastSeenAt version alarms { code severity state } }`;
const TANK_ROW = `id name capacityLiters maxFillPercent site { id name }`;

export interface GraphqlBody {
  query: string;
  variables?: Record<string, unknown>;
}

/** One request of a case: the federated query, and the part the tanks subgraph answers of it. */
export interface QueryVariant {
  federated: GraphqlBody;
  tanksPart: GraphqlBody;
}

export interface QueryCase {
  name: 'dashboard' | 'single tank';
  /** Distinct requests sent in turn: different users look at different pages and tanks. */
  variants: QueryVariant[];
}

const DASHBOARD = (withTwin: boolean) =>
  `query Dashboard($after: String) { tanks(first: 50, after: $after) { totalCount edges { cursor node { ${TANK_ROW} ${withTwin ? TWIN : ''} } } pageInfo { hasNextPage endCursor } } }`;
const SINGLE = (withTwin: boolean) => `query Tank($id: ID!) { tank(id: $id) { ${TANK_ROW} ${withTwin ? TWIN : ''} } }`;

/** Tanks with their site and live twin, 50 per page (the console's tank list), starting after each of `cursors`. */
export const dashboard = (cursors: (string | null)[]): QueryCase => ({
  name: 'dashboard',
  variants: cursors.map((after) => ({
    federated: { query: DASHBOARD(true), variables: { after } },
    tanksPart: { query: DASHBOARD(false), variables: { after } },
  })),
});

/** One tank by id with its site and twin (a detail page), for each of `ids`. */
export const singleTank = (ids: string[]): QueryCase => ({
  name: 'single tank',
  variants: ids.map((id) => ({ federated: { query: SINGLE(true), variables: { id } }, tanksPart: { query: SINGLE(false), variables: { id } } })),
});

/** The entity fetch a gateway sends the twins subgraph for those tanks. */
export const twinEntities = (ids: string[]): GraphqlBody => ({
  query: `query Twins($r: [_Any!]!) { _entities(representations: $r) { ... on Tank { ${TWIN} } } }`,
  variables: { r: ids.map((id) => ({ __typename: 'Tank', id })) },
});

export async function postGraphql<T>(url: string, headers: Record<string, string>, body: GraphqlBody): Promise<{ text: string; data: T }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  const json = JSON.parse(text) as { data?: T; errors?: unknown };
  if (!res.ok || json.errors || !json.data) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return { text, data: json.data };
}
