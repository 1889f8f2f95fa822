import { describe, expect, it } from 'vitest';
import { ForecourtLedger } from './forecourt-ledger';
import { ForecourtPump, type PumpChannel } from './forecourt-pump';

const customer = { cardNumber: '9100000000000001', nozzle: 1, targetMl: 20_000 };

function rig(options: { online?: boolean; listed?: string[] } = {}) {
  const sent: { channel: PumpChannel; body: Record<string, unknown> }[] = [];
  const ledger = new ForecourtLedger(undefined, { pumps: { p1: { counter: 41, totalizersMl: { '1': 5_000_000 } } }, prices: { '92#': 745 } });
  const refused: string[] = [];
  const pump = new ForecourtPump({
    id: 'p1',
    nozzles: [{ number: 1, gradeCode: '92#' }],
    ledger,
    station: {
      online: () => options.online ?? true,
      offlineLimitMinor: (card) => (options.listed?.includes(card) ? null : 10_000),
      refused: (card) => refused.push(card),
      emit: (channel, body) => sent.push({ channel, body }),
    },
    maxSaleMs: 10_000,
    cardReadMs: 1_000,
  });
  const of = (channel: PumpChannel) => sent.filter((s) => s.channel === channel).map((s) => s.body);
  const states = () => of('telemetry').map((t) => t.state);
  return { pump, ledger, refused, of, states };
}

/** Runs the pump's clock from `from` to `to` seconds, a tick a second. */
const run = (pump: ForecourtPump, from: number, to: number) => {
  for (let t = from; t <= to; t++) pump.tick(t * 1000);
};

describe('a simulated fuelling point', () => {
  it('asks the card host, fuels to the fill after AUTHORIZE and reports the sale under the next counter', () => {
    const { pump, of, states } = rig();
    pump.arrive(customer, 0);
    run(pump, 0, 1);
    expect(of('event')).toEqual([{ type: 'AUTH_REQUEST', cardNumber: customer.cardNumber, nozzle: 1 }]);
    pump.command({ id: 'a1', action: 'AUTHORIZE', limitMinor: 100_000, nozzle: 1 });
    expect(of('command/ack')).toEqual([{ id: 'a1', status: 'done' }]);
    run(pump, 2, 40);
    expect(states().slice(0, 4)).toEqual(['CALLING', 'AUTHORISED', 'FUELLING', 'FUELLING']);
    expect(states().at(-1)).toBe('IDLE');
    // A 20 L fill at 40 L/min takes 30 s, capped to 10 s here: the start at 0, then a figure every second.
    expect(of('telemetry').filter((t) => t.state === 'FUELLING')).toHaveLength(11);
    const sale = of('event')[1]!;
    expect(sale).toMatchObject({ type: 'TRANSACTION', counter: 42, volumeMl: 20_000, unitPriceMinor: 745, amountMinor: 14_900 });
    expect(sale).toMatchObject({ grade: '92#', totalizerStartMl: 5_000_000, totalizerEndMl: 5_020_000 });
  });

  it('stops at the authorised amount, and the next sale starts where the last ended', () => {
    const { pump, of, ledger } = rig();
    pump.arrive(customer, 0);
    run(pump, 0, 1);
    pump.command({ id: 'a1', action: 'AUTHORIZE', limitMinor: 5_000 });
    run(pump, 2, 20);
    const sale = of('event')[1]!;
    expect(sale).toMatchObject({ counter: 42, volumeMl: 6_711, amountMinor: 5_000 });
    expect(ledger.memory('p1')).toEqual({ counter: 42, totalizersMl: { '1': 5_006_711 } });
  });

  it('goes back to idle on REFUSE, and rejects an answer no card waits for', () => {
    const { pump, of, states, refused } = rig();
    pump.command({ id: 'x', action: 'AUTHORIZE', limitMinor: 100 });
    pump.arrive(customer, 0);
    run(pump, 0, 1);
    pump.command({ id: 'r1', action: 'REFUSE', reason: 'CARD_LOST' });
    pump.command({ id: 'r1', action: 'REFUSE', reason: 'CARD_LOST' });
    run(pump, 2, 5);
    expect(of('command/ack')).toEqual([
      { id: 'x', status: 'rejected', reason: 'no card is waiting for an answer at this pump' },
      { id: 'r1', status: 'done' },
    ]);
    expect(states()).toEqual(['CALLING', 'IDLE']);
    expect(refused).toEqual([customer.cardNumber]);
  });

  it('reports a sale cut by a power failure once, when the power is back', () => {
    const { pump, of, states } = rig();
    pump.arrive(customer, 0);
    run(pump, 0, 1);
    pump.command({ id: 'a1', action: 'AUTHORIZE', limitMinor: 100_000 });
    run(pump, 2, 6);
    pump.powerCut(6_500);
    run(pump, 7, 60);
    expect(states().at(-1)).toBe('INOPERATIVE');
    expect(of('event')).toHaveLength(1);
    pump.powerUp();
    pump.powerUp();
    const sale = of('event')[1]!;
    expect(of('event')).toHaveLength(2);
    expect(sale.volumeMl).toBeGreaterThan(0);
    expect(sale.volumeMl).toBeLessThan(20_000);
    expect(sale.endedAt).toBe(new Date(6_500).toISOString());
  });

  it('sells at the prices SET_PRICES gave, held by the controller while the pump is dark', () => {
    const { pump, of, ledger } = rig();
    pump.command({ id: 'p1', action: 'SET_PRICES', prices: { '92#': 800 } });
    pump.powerCut(0);
    pump.command({ id: 'p2', action: 'SET_PRICES', prices: { '92#': 810 } });
    expect(of('command/ack')).toEqual([
      { id: 'p1', status: 'done' },
      { id: 'p2', status: 'accepted' },
    ]);
    pump.powerUp();
    expect(of('command/ack').at(-1)).toEqual({ id: 'p2', status: 'done' });
    expect(ledger.price('92#')).toBe(810);
    pump.arrive({ ...customer, targetMl: 1_000 }, 0);
    run(pump, 0, 1);
    pump.command({ id: 'a1', action: 'AUTHORIZE', limitMinor: 100_000 });
    run(pump, 2, 10);
    expect(of('event').at(-1)).toMatchObject({ type: 'TRANSACTION', volumeMl: 1_000, unitPriceMinor: 810, amountMinor: 810 });
  });

  it('offline, sells on its own list: a listed card is turned away, another buys up to the offline limit', () => {
    const listed = rig({ online: false, listed: [customer.cardNumber] });
    listed.pump.arrive(customer, 0);
    run(listed.pump, 0, 3);
    expect(listed.states()).toEqual(['CALLING', 'IDLE']);
    expect(listed.of('event')).toEqual([]);

    const { pump, of } = rig({ online: false });
    pump.arrive(customer, 0);
    run(pump, 0, 20);
    expect(of('event')).toMatchObject([{ type: 'TRANSACTION', counter: 42, volumeMl: 13_422, amountMinor: 9_999 }]);
  });
});
