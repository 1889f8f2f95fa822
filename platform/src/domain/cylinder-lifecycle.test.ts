import { describe, expect, it } from 'vitest';
import {
  CYLINDER_EVENTS,
  CYLINDER_STATES,
  cylinderTransition,
  eventsFrom,
  fillRefusal,
  type CylinderState,
  type FillableCylinder,
  type FillingPlace,
} from './cylinder-lifecycle';

/** mulberry32: a small seeded PRNG, so a failing sequence is reproduced by its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const SEQUENCES = 5_000;
const STEPS = 30;
const TODAY = '2026-06-15';
/** Days around today, so "due today" and "ended yesterday" are both drawn often. */
const DAYS = ['2026-06-12', '2026-06-14', '2026-06-15', '2026-06-16', '2027-01-01'];

/**
 * Walks a random event sequence from REGISTERED, checking each step against the table (problems
 * are collected, not asserted one by one: 150,000 `expect` calls would be most of the run); returns
 * the states passed through.
 */
function walk(rand: ReturnType<typeof prng>, problems: string[]): CylinderState[] {
  let state: CylinderState = 'REGISTERED';
  const seen: CylinderState[] = [state];
  for (let i = 0; i < STEPS; i++) {
    const event = rand.pick(CYLINDER_EVENTS);
    const step = cylinderTransition(state, event, { full: rand.next() < 0.5 });
    const allowed = eventsFrom(state).includes(event);
    if (!step.ok) {
      if (allowed) problems.push(`${event} refused from ${state}, but the table allows it`);
      if (!step.reason.includes(event)) problems.push(`${event} from ${state} refused without a reason naming it: ${step.reason}`);
      continue;
    }
    if (!allowed) problems.push(`${event} allowed from ${state}, but the table has no such step`);
    if (!CYLINDER_STATES.includes(step.to)) problems.push(`${event} from ${state} leads to ${step.to}`);
    state = step.to;
    seen.push(state);
  }
  return seen;
}

describe('cylinder lifecycle over random event sequences', () => {
  it('refuses exactly the steps the table lacks, each with a reason, and nothing leaves SCRAPPED', () => {
    const rand = prng(0x5842);
    const problems: string[] = [];
    for (let s = 0; s < SEQUENCES; s++) {
      const states = walk(rand, problems);
      const scrapped = states.indexOf('SCRAPPED');
      if (scrapped >= 0 && scrapped < states.length - 1) problems.push(`left SCRAPPED: ${states.join(' → ')}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(eventsFrom('SCRAPPED')).toEqual([]);
  });

  it('never releases a scale for a cylinder that is unregistered, scrapped, lost, overdue, past its life, foreign or fixed elsewhere', () => {
    const rand = prng(0x38059);
    let released = 0;
    const problems: string[] = [];
    for (let s = 0; s < SEQUENCES; s++) {
      const place: FillingPlace = { stationId: rand.pick(['st-1', 'st-2']), company: rand.pick(['Hearth Gas', 'Other Gas']), today: TODAY };
      if (fillRefusal(null, place) !== 'UNREGISTERED') problems.push('an unknown tag was not refused as UNREGISTERED');
      for (const state of walk(rand, problems)) {
        const cylinder: FillableCylinder = {
          state,
          ownerCompany: rand.pick(['Hearth Gas', 'Other Gas']),
          fixedStationId: rand.pick([null, 'st-1', 'ST-1', 'st-2']),
          nextInspectionDue: rand.pick(DAYS),
          designLifeEnds: rand.pick(DAYS),
        };
        const refusal = fillRefusal(cylinder, place);
        const mustRefuse =
          state === 'SCRAPPED' ||
          state === 'LOST' ||
          cylinder.nextInspectionDue < TODAY ||
          cylinder.designLifeEnds < TODAY ||
          cylinder.ownerCompany !== place.company ||
          (cylinder.fixedStationId !== null && cylinder.fixedStationId.toLowerCase() !== place.stationId) ||
          !eventsFrom(state).includes('FILL');
        if ((refusal !== null) !== mustRefuse) problems.push(JSON.stringify({ cylinder, place, refusal }));
        if (refusal === null) released += 1;
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    // The draw must also reach releases, or the property above proves nothing.
    expect(released).toBeGreaterThan(100);
  });

  it('reports the most fundamental refusal first', () => {
    const place: FillingPlace = { stationId: 'st-1', company: 'Hearth Gas', today: TODAY };
    const base: FillableCylinder = {
      state: 'SCRAPPED',
      ownerCompany: 'Other Gas',
      fixedStationId: 'st-2',
      nextInspectionDue: '2020-01-01',
      designLifeEnds: '2020-01-01',
    };
    expect(fillRefusal(base, place)).toBe('SCRAPPED');
    expect(fillRefusal({ ...base, state: 'LOST' }, place)).toBe('REPORTED_LOST');
    expect(fillRefusal({ ...base, state: 'EMPTY_STOCK' }, place)).toBe('PAST_DESIGN_LIFE');
    expect(fillRefusal({ ...base, state: 'EMPTY_STOCK', designLifeEnds: TODAY }, place)).toBe('INSPECTION_OVERDUE');
    expect(fillRefusal({ ...base, state: 'EMPTY_STOCK', designLifeEnds: TODAY, nextInspectionDue: TODAY }, place)).toBe('FOREIGN_OWNER');
  });
});
