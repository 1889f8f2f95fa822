import { createLogger } from '@hearth/platform';
import { describe, expect, it } from 'vitest';
import { GatewayPresence } from './gateway-presence';
import { MemorySink } from './testing/memory-sink';

const gw = { gatewayId: 'gw-1', tenantId: 't-1' };
const setup = () => {
  const sink = new MemorySink();
  return { sink, presence: new GatewayPresence(sink, createLogger('t', 'silent')), seen: () => sink.statuses.map((s) => s.online) };
};

describe('GatewayPresence', () => {
  it('reports online at the first connection and offline when the last one closes', () => {
    const { presence, seen } = setup();
    presence.connected(gw);
    presence.connected(gw);
    presence.disconnected(gw);
    expect(seen()).toEqual([true]);
    presence.disconnected(gw);
    expect(seen()).toEqual([true, false]);
  });

  it("passes on the gateway's own reports when they change the state, so a Last Will and its disconnect are one offline", () => {
    const { presence, seen } = setup();
    presence.connected(gw);
    presence.reported(gw, true);
    presence.reported(gw, false);
    presence.disconnected(gw);
    expect(seen()).toEqual([true, false]);
  });

  it('ignores reports of a gateway with no connection, and a sink that throws', () => {
    const { presence, sink, seen } = setup();
    presence.reported(gw, true);
    expect(seen()).toEqual([]);
    sink.gatewayStatus = () => {
      throw new Error('sink bug');
    };
    expect(() => presence.connected(gw)).not.toThrow();
  });
});
