import { describe, expect, it } from 'vitest';
import { decideFilling, type RegistryAnswer } from './filling-decision';
import { applyFill, decided, emptyScaleTwin, readTag, withdrawn, type ScaleTwinState } from './scale-twin';

const T0 = new Date('2026-03-02T02:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
let n = 0;
const newId = () => `alarm-${++n}`;
const tag = 'E200-0001';
const place = { stationId: '11111111-1111-4111-8111-111111111111', company: 'Hearth Gas' };
const cylinder = {
  id: 'c-1',
  state: 'EMPTY_STOCK' as const,
  ownerCompany: 'Hearth Gas',
  fixedStationId: null,
  nextInspectionDue: '2027-01-01',
  designLifeEnds: '2034-01-01',
  maxFillKg: 14.5,
  toleranceKg: 0.2,
};
const good: RegistryAnswer = { place, cylinder };

const releasedFor = (twin: ScaleTwinState, t = tag): ScaleTwinState =>
  decided(readTag(twin, t, at(0)).state, decideFilling(good, { tag: t, at: at(0) }, T0), 'cmd-release', at(0));
const fill = (netKg: number, t = tag, s = 10) => ({ tag: t, tareKg: 15, grossKg: 15 + netKg, netKg, operator: 'op-7', at: at(s) });

describe('the filling decision', () => {
  it('releases a good cylinder with its spec limits, and locks for every refusal the registry shows', () => {
    expect(decideFilling(good, { tag, at: T0 }, T0)).toMatchObject({ action: 'RELEASE', cylinderId: 'c-1', reason: null, maxFillKg: 14.5, toleranceKg: 0.2 });
    expect(decideFilling({ place, cylinder: { ...cylinder, state: 'SCRAPPED' } }, { tag, at: T0 }, T0)).toMatchObject({ action: 'LOCK', reason: 'SCRAPPED' });
    expect(decideFilling({ place, cylinder: null }, { tag, at: T0 }, T0)).toMatchObject({ action: 'LOCK', cylinderId: null, reason: 'UNREGISTERED' });
    expect(decideFilling({ place: null, cylinder }, { tag, at: T0 }, T0)).toMatchObject({ action: 'LOCK', reason: 'SCALE_NOT_REGISTERED' });
    expect(decideFilling({ unavailable: true }, { tag, at: T0 }, T0)).toMatchObject({ action: 'LOCK', reason: 'REGISTRY_UNAVAILABLE', maxFillKg: null });
  });

  it('refuses the cylinder this scale filled a moment ago, though the registry has not taken the fill in yet', () => {
    expect(decideFilling(good, { tag, at: at(60) }, at(60), { cylinderId: 'c-1', at: at(10) })).toMatchObject({ action: 'LOCK', reason: 'NOT_FILLABLE_NOW' });
    expect(decideFilling(good, { tag, at: at(7200) }, at(7200), { cylinderId: 'c-1', at: at(10) })).toMatchObject({ action: 'RELEASE' });
  });
});

describe('a scale twin', () => {
  it('waits for a decision once per presentation: repeats of a tag within the gap decide nothing again', () => {
    const first = readTag(emptyScaleTwin('s-1', 't'), tag, at(0)).state;
    expect(first.pendingRead).toEqual({ tag, at: at(0) });
    const released = decided(first, decideFilling(good, { tag, at: at(0) }, T0), 'cmd-1', at(0));
    expect(released.pendingRead).toBeNull();
    expect(released.interlock).toMatchObject({ state: 'RELEASED', tag, cylinderId: 'c-1', commandId: 'cmd-1', maxFillKg: 14.5 });
    expect(readTag(released, tag, at(3)).state.pendingRead).toBeNull();
    expect(readTag(released, tag, at(30)).state.pendingRead).toEqual({ tag, at: at(30) });
    expect(readTag(released, 'E200-0002', at(3)).state.pendingRead).toEqual({ tag: 'E200-0002', at: at(3) });
  });

  it('keeps a newer presentation pending when the decision of an older one lands', () => {
    const twin = readTag(readTag(emptyScaleTwin('s-1', 't'), tag, at(0)).state, 'E200-0002', at(1)).state;
    const after = decided(twin, decideFilling(good, { tag, at: at(0) }, T0), 'cmd-1', at(1));
    expect(after.pendingRead).toEqual({ tag: 'E200-0002', at: at(1) });
  });

  it('a fill it was released for is judged and stored with the cylinder, and locks the scale', () => {
    const filled = applyFill(releasedFor(emptyScaleTwin('s-1', 't')), fill(14.6), newId);
    expect(filled).toMatchObject({ released: true, cylinderId: 'c-1', overfill: false, changes: [] });
    expect(filled.state.interlock).toMatchObject({ state: 'LOCKED', reason: 'FILLED', commandId: null });
    expect(filled.state.lastFill).toEqual({ tag, cylinderId: 'c-1', netKg: 14.6, at: at(10), overfill: false });
  });

  it('a fill without release raises SCALE_INTERLOCK_BYPASSED, which stays until acknowledged, and is not judged for overfill', () => {
    const bypass = applyFill(emptyScaleTwin('s-1', 't'), fill(30), newId);
    expect(bypass).toMatchObject({ released: false, cylinderId: null, overfill: null });
    expect(bypass.changes).toEqual([{ kind: 'raised', alarm: expect.objectContaining({ code: 'SCALE_INTERLOCK_BYPASSED', severity: 'CRITICAL', value: 30 }) }]);
    // A proper fill afterwards does not clear it: someone must see it.
    const next = applyFill(releasedFor(bypass.state), fill(14), newId);
    expect(next.state.alarms.map((a) => a.code)).toEqual(['SCALE_INTERLOCK_BYPASSED']);
    const acked: ScaleTwinState = { ...next.state, alarms: next.state.alarms.map((a) => ({ ...a, state: 'ACKNOWLEDGED' as const })) };
    const cleared = readTag(acked, 'E200-0009', at(100));
    expect(cleared.changes).toEqual([{ kind: 'cleared', alarm: expect.objectContaining({ code: 'SCALE_INTERLOCK_BYPASSED' }), at: at(100) }]);
    expect(cleared.state.alarms).toEqual([]);
  });

  it('a fill for another tag than the one released is a bypass too', () => {
    expect(applyFill(releasedFor(emptyScaleTwin('s-1', 't')), fill(14, 'E200-0002'), newId).released).toBe(false);
  });

  it('an overfill raises CYLINDER_OVERFILL; the next fill within limits clears it', () => {
    const over = applyFill(releasedFor(emptyScaleTwin('s-1', 't')), fill(14.8), newId);
    expect(over.overfill).toBe(true);
    expect(over.changes).toEqual([{ kind: 'raised', alarm: expect.objectContaining({ code: 'CYLINDER_OVERFILL', severity: 'MAJOR', value: 14.8 }) }]);
    const fine = applyFill(releasedFor(over.state, 'E200-0002'), fill(14.2, 'E200-0002', 40), newId);
    expect(fine.changes).toEqual([{ kind: 'cleared', alarm: expect.objectContaining({ code: 'CYLINDER_OVERFILL' }), at: at(40) }]);
  });

  it('a release the scale never took leaves it locked', () => {
    const twin = releasedFor(emptyScaleTwin('s-1', 't'));
    expect(withdrawn(twin, 'cmd-release').interlock).toMatchObject({ state: 'LOCKED', reason: 'RELEASE_NOT_CARRIED_OUT', maxFillKg: null });
    expect(withdrawn(twin, 'another')).toBe(twin);
  });
});
