import { describe, expect, it } from 'vitest';
import type { FuelPointState } from '@hearth/platform/domain';
import type { TransactionEvent } from '../pump-messages';
import { applyPumpTelemetry, UNUSED_AUTHORISATION_MS } from './fuel-point';
import { decided, withdrawn } from './pump-decisions';
import { recordSale, requestAuthorization } from './pump-events';
import { emptyPumpTwin, type PumpTwinState } from './pump-twin';

const T0 = Date.parse('2026-11-21T08:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000);
let ids = 0;
const newId = () => `alarm-${++ids}`;
const origin = (s: number) => ({ gatewayId: 'gw-1', receivedAt: at(s) });

const report = (twin: PumpTwinState, s: number, state: FuelPointState, nozzle?: number) =>
  applyPumpTelemetry(twin, { ts: at(s), values: { state, ...(nozzle === undefined ? {} : { nozzle }) } }, origin(s), newId);
const authorize = (twin: PumpTwinState, s: number, nozzle: number) =>
  decided(twin, { action: 'AUTHORIZE', limitMinor: 20_000, reason: null, nozzle, authorizationId: `auth-${s}` }, `cmd-${s}`, at(s));
const sale = (counter: number, nozzle: number, startMl: number, endMl: number): TransactionEvent => ({
  type: 'TRANSACTION',
  counter,
  nozzle,
  grade: '92#',
  volumeMl: endMl - startMl,
  unitPriceMinor: 750,
  amountMinor: Math.round(((endMl - startMl) / 1000) * 750),
  totalizerStartMl: startMl,
  totalizerEndMl: endMl,
  startedAt: at(counter).toISOString(),
  endedAt: at(counter + 1).toISOString(),
});
const codes = (twin: PumpTwinState) => twin.alarms.map((a) => [a.code, a.severity, a.state]);

describe('unauthorised dispensing (the interlock bypassed)', () => {
  it('raises PUMP_DISPENSING_UNAUTHORISED (CRITICAL) once when fuel flows with no AUTHORIZE, and clears it when the pump is IDLE again', () => {
    let twin = report(emptyPumpTwin('p-1', 't'), 0, 'IDLE').state;
    const fuelling = report(twin, 1, 'FUELLING', 2);
    expect(fuelling.changes).toMatchObject([{ kind: 'raised', alarm: { code: 'PUMP_DISPENSING_UNAUTHORISED', value: 2 } }]);
    twin = report(fuelling.state, 2, 'FUELLING', 2).state;
    expect(codes(twin)).toEqual([['PUMP_DISPENSING_UNAUTHORISED', 'CRITICAL', 'ACTIVE']]);
    const idle = report(twin, 3, 'IDLE');
    expect(idle.changes).toMatchObject([{ kind: 'cleared', alarm: { code: 'PUMP_DISPENSING_UNAUTHORISED' } }]);
    expect(idle.state.alarms).toEqual([]);
  });

  it('raises nothing for a sale on the nozzle the card host authorised, and spends the AUTHORIZE when the sale ends', () => {
    let twin = report(emptyPumpTwin('p-1', 't'), 0, 'CALLING', 1).state;
    twin = authorize(twin, 1, 1);
    for (const [s, state] of [
      [2, 'AUTHORISED'],
      [3, 'STARTED'],
      [4, 'FUELLING'],
      [5, 'IDLE'],
    ] as const) {
      const applied = report(twin, s, state, state === 'AUTHORISED' ? undefined : 1);
      expect(applied.changes).toEqual([]);
      twin = applied.state;
    }
    expect(twin.authorization).toBeNull();
    // The next sale needs an answer of its own.
    expect(codes(report(twin, 6, 'FUELLING', 1).state)).toEqual([['PUMP_DISPENSING_UNAUTHORISED', 'CRITICAL', 'ACTIVE']]);
  });

  it('raises for fuel on another nozzle than the one authorised, after a REFUSE, and after the AUTHORIZE was withdrawn', () => {
    const authorised = authorize(report(emptyPumpTwin('p-1', 't'), 0, 'CALLING', 1).state, 1, 1);
    expect(report(authorised, 2, 'FUELLING', 2).changes).toHaveLength(1);
    const refused = decided(authorised, { action: 'REFUSE', limitMinor: 0, reason: 'CARD_BLACKLISTED', nozzle: 2, authorizationId: 'a-2' }, 'cmd-2', at(1));
    expect(report(refused, 2, 'FUELLING', 2).changes).toHaveLength(1);
    expect(report(withdrawn(authorised, 'cmd-1'), 2, 'FUELLING', 1).changes).toHaveLength(1);
  });

  it('lets an AUTHORIZE the pump never acted on lapse', () => {
    const authorised = authorize(report(emptyPumpTwin('p-1', 't'), 0, 'CALLING', 1).state, 1, 1);
    expect(report(authorised, 1 + UNUSED_AUTHORISATION_MS / 1000 + 1, 'FUELLING', 1).changes).toHaveLength(1);
  });

  it('judges no interlock from readings buffered while the station was offline (it sells on its own card list)', () => {
    const twin = report(emptyPumpTwin('p-1', 't'), 0, 'IDLE').state;
    const buffered = applyPumpTelemetry(twin, { ts: at(10), values: { state: 'FUELLING', nozzle: 1 } }, origin(600), newId);
    expect(buffered.changes).toEqual([]);
    expect(buffered.state.state).toBe('FUELLING');
  });
});

describe('sales and totaliser gaps', () => {
  const start = () => emptyPumpTwin('p-1', 't');
  const record = (twin: PumpTwinState, ...sales: TransactionEvent[]) => {
    const changes = [];
    for (const s of sales) {
      const applied = recordSale(twin, s, at(100), newId);
      twin = applied.state;
      changes.push(...applied.changes);
    }
    return { twin, changes };
  };

  it('raises one PUMP_TOTALIZER_GAP (MAJOR) for a gap between consecutive sales, however often the backlog repeats them', () => {
    const { twin, changes } = record(start(), sale(5, 1, 0, 1000), sale(6, 1, 1200, 2000), sale(6, 1, 1200, 2000), sale(5, 1, 0, 1000), sale(7, 1, 2000, 2500));
    expect(changes.map((c) => c.kind)).toEqual(['raised']);
    expect(twin.alarms).toMatchObject([{ code: 'PUMP_TOTALIZER_GAP', severity: 'MAJOR', value: 200 }]);
    expect(twin.alarms[0]?.message).toContain('Nozzle 1: sale 6');
  });

  it('waits for the missing sale of an out-of-order upload before judging', () => {
    const early = record(start(), sale(9, 1, 3000, 4000), sale(7, 1, 0, 1000));
    expect(early.twin.alarms).toEqual([]);
    expect(record(early.twin, sale(8, 2, 50, 60)).twin.alarms).toMatchObject([{ code: 'PUMP_TOTALIZER_GAP', value: 2000 }]);
  });

  it('shows the newest sale by counter, the highest counter, and each nozzle’s last totaliser, whatever the order', () => {
    const { twin } = record(start(), sale(12, 2, 500, 900), sale(10, 1, 0, 1000), sale(11, 1, 1000, 1500));
    expect(twin.lastCounter).toBe(12);
    expect(twin.lastSale).toMatchObject({ counter: 12, nozzle: 2, volumeMl: 400, grade: '92#' });
    expect(twin.totalizers).toEqual({ 1: { counter: 11, totalizerMl: 1500 }, 2: { counter: 12, totalizerMl: 900 } });
  });

  it('clears an acknowledged gap at the next sale, so a later gap is a new alarm', () => {
    const { twin } = record(start(), sale(1, 1, 0, 100), sale(2, 1, 150, 200));
    const acknowledged = { ...twin, alarms: twin.alarms.map((a) => ({ ...a, state: 'ACKNOWLEDGED' as const })) };
    const next = record(acknowledged, sale(3, 1, 200, 300));
    expect(next.changes.map((c) => c.kind)).toEqual(['cleared']);
    expect(next.twin.alarms).toEqual([]);
  });
});

describe('card authorisations', () => {
  it('shows a card read as pending, masked, until the card host’s answer to it', () => {
    const read = requestAuthorization(emptyPumpTwin('p-1', 't'), { type: 'AUTH_REQUEST', cardNumber: '6222000011112222', nozzle: 1 }, 'auth-1', at(0));
    expect(read.pendingAuthorization).toEqual({ authorizationId: 'auth-1', cardMasked: '************2222', nozzle: 1, requestedAt: at(0) });
    const answered = decided(read, { action: 'AUTHORIZE', limitMinor: 30_000, reason: null, nozzle: 1, authorizationId: 'auth-1' }, 'cmd-1', at(2));
    expect(answered.pendingAuthorization).toBeNull();
    expect(answered.lastDecision).toMatchObject({ action: 'AUTHORIZE', limitMinor: 30_000, commandId: 'cmd-1', withdrawn: false });
    expect(withdrawn(answered, 'cmd-1').lastDecision).toMatchObject({ withdrawn: true });
    // Seen acting on it, the pump carried it out: only its acknowledgement went missing.
    const acted = applyPumpTelemetry(answered, { ts: at(3), values: { state: 'AUTHORISED' } }, origin(3), newId).state;
    expect(withdrawn(acted, 'cmd-1')).toBe(acted);
  });
});

describe('running figures', () => {
  it('keeps the state last reported when a sample carries only the running volume and amount', () => {
    const fuelling = authorize(report(emptyPumpTwin('p-1', 't'), 0, 'CALLING', 1).state, 1, 1);
    const started = report(fuelling, 2, 'FUELLING', 1).state;
    const running = applyPumpTelemetry(started, { ts: at(3), values: { volumeMl: 12_500, amountMinor: 9_313 } }, origin(3), newId).state;
    expect(running).toMatchObject({ state: 'FUELLING', volumeMl: 12_500, amountMinor: 9_313 });
  });
});
