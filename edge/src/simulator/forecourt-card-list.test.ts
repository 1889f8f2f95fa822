import { describe, expect, it } from 'vitest';
import { OfflineCardList, type CardListChange } from './forecourt-card-list';

/** A fake gateway: the card-list increments after a version, two per page, and the confirmations it was sent. */
function gateway(changes: CardListChange[], refuseConfirm = false) {
  const confirmed: { stationId: string; version: number; apiKey: string }[] = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    const { query, variables } = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> };
    const apiKey = (init.headers as Record<string, string>).authorization!.replace('Bearer ', '');
    if (query.includes('confirmFuelCardList')) {
      if (refuseConfirm) return Response.json({ data: null, errors: [{ message: 'Not allowed: fueling:write' }] });
      confirmed.push({ stationId: variables.s as string, version: variables.v as number, apiKey });
      return Response.json({ data: { confirmFuelCardList: { version: variables.v } } });
    }
    const after = changes.filter((c) => c.version > (variables.v as number)).slice(0, 2);
    return Response.json({ data: { fuelCardListChanges: { headVersion: changes.at(-1)?.version ?? 0, changes: after } } });
  }) as typeof fetch;
  return { fetchImpl, confirmed };
}

const change = (version: number, cardNumber: string, op: 'ADD' | 'REMOVE' = 'ADD'): CardListChange => ({ version, list: 'BLACKLIST', cardNumber, op });
const source = { graphqlUrl: 'http://gateway.test/graphql', apiKey: 'forecourt-key', stationId: 'station-1' };

describe("the station controller's card lists", () => {
  it('confirms the version it applied, once every page is in', async () => {
    const hearth = gateway([change(1, 'A'), change(2, 'B'), change(3, 'A', 'REMOVE'), change(4, 'C'), change(5, 'D')]);
    const list = new OfflineCardList();
    await list.refresh(source, hearth.fetchImpl);
    expect(list.version).toBe(5);
    expect([list.has('A'), list.has('B'), list.has('C')]).toEqual([false, true, true]);
    expect(hearth.confirmed).toEqual([{ stationId: 'station-1', version: 5, apiKey: 'forecourt-key' }]);
  });

  it('confirms again what it holds when nothing changed (an up-to-date station’s confirmation restarts its offline window)', async () => {
    const hearth = gateway([change(1, 'A')]);
    const list = new OfflineCardList();
    await list.refresh(source, hearth.fetchImpl);
    await list.refresh(source, hearth.fetchImpl);
    expect(hearth.confirmed.map((c) => c.version)).toEqual([1, 1]);
  });

  it('says so when the confirmation is refused, keeping the lists it applied; without a station it only reads', async () => {
    const refusing = gateway([change(1, 'A')], true);
    const list = new OfflineCardList();
    await expect(list.refresh(source, refusing.fetchImpl)).rejects.toThrow('card list call refused: Not allowed: fueling:write');
    expect(list.has('A')).toBe(true);
    const reading = gateway([change(1, 'A')]);
    await new OfflineCardList().refresh({ graphqlUrl: source.graphqlUrl, apiKey: 'read-key' }, reading.fetchImpl);
    expect(reading.confirmed).toEqual([]);
  });
});
