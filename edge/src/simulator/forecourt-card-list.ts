/** Where the station controller fetches the card lists: the gateway's GraphQL URL and a key that reads fueling. */
export interface CardListSource {
  graphqlUrl: string;
  apiKey: string;
  /** The station (its site id): set, the controller confirms each version it applied (the key then needs fueling:write too). */
  stationId?: string;
}

export interface CardListChange {
  version: number;
  list: string;
  cardNumber: string;
  op: 'ADD' | 'REMOVE';
}

// Pages of 200: the gateway's cost limit (20 000) refuses a page of 500 changes (26 000), so a larger page never read a list.
const QUERY = `query($v: Int!) { fuelCardListChanges(afterVersion: $v, first: 200) { headVersion changes { version list cardNumber op } } }`;
const CONFIRM = `mutation($s: ID!, $v: Int!) { confirmFuelCardList(stationId: $s, version: $v) { version } }`;

/**
 * The blacklist and greylist a station controller holds to sell offline (DOMAIN.md: offline pumps
 * keep selling on the last list they received, pushed as versioned increments). A card on either
 * list is refused offline: lost, blocked, replaced, or grey (a sale of it not yet recovered).
 */
export class OfflineCardList {
  private held = 0;
  private readonly listed = new Map<string, Set<string>>();

  /** The version the controller holds (0: none yet). */
  get version(): number {
    return this.held;
  }

  has(cardNumber: string): boolean {
    return (this.listed.get(cardNumber)?.size ?? 0) > 0;
  }

  /** Applies increments in version order; ones already held are skipped. */
  apply(changes: CardListChange[]): void {
    for (const change of [...changes].sort((a, b) => a.version - b.version)) {
      if (change.version <= this.held) continue;
      const lists = this.listed.get(change.cardNumber) ?? new Set<string>();
      if (change.op === 'ADD') lists.add(change.list);
      else lists.delete(change.list);
      if (lists.size > 0) this.listed.set(change.cardNumber, lists);
      else this.listed.delete(change.cardNumber);
      this.held = change.version;
    }
  }

  /**
   * Fetches what changed since the version held, page by page, then (with a station) confirms the
   * version applied: Hearth lets the station take cards offline only within its window after the
   * last confirmation. Throws when the gateway cannot be read or refuses the confirmation.
   */
  async refresh(source: CardListSource, fetchImpl: typeof fetch = fetch): Promise<void> {
    for (let page = 0; page < 20; page++) {
      const data = await ask<{ fuelCardListChanges: { headVersion: number; changes: CardListChange[] } }>(source, QUERY, { v: this.held }, fetchImpl);
      const result = data.fuelCardListChanges;
      this.apply(result.changes);
      if (result.changes.length === 0 || this.held >= result.headVersion) break;
    }
    if (source.stationId) await ask(source, CONFIRM, { s: source.stationId, v: this.held }, fetchImpl);
  }
}

async function ask<T>(source: CardListSource, query: string, variables: Record<string, unknown>, fetchImpl: typeof fetch): Promise<T> {
  const res = await fetchImpl(source.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${source.apiKey}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await res.json()) as { data?: T | null; errors?: { message: string }[] };
  if (!body.data || body.errors?.length) throw new Error(`card list call refused: ${body.errors?.map((e) => e.message).join('; ') ?? res.status}`);
  return body.data;
}
