import { describe, expect, it } from 'vitest';
import { FUEL_POINT_STATES, fuelPointStateCode, fuelPointStateOf, fuelPointStatesFrom, fuelPointTransition, isDispensing } from './fuel-pump-states';

describe('IFSF fuelling-point state codes', () => {
  it('numbers the states 1–9 in IFSF order, both ways', () => {
    expect(fuelPointStateOf(1)).toBe('INOPERATIVE');
    expect(fuelPointStateOf(3)).toBe('IDLE');
    expect(fuelPointStateOf(8)).toBe('FUELLING');
    expect(fuelPointStateOf(9)).toBe('SUSPENDED_FUELLING');
    for (const state of FUEL_POINT_STATES) expect(fuelPointStateOf(fuelPointStateCode(state))).toBe(state);
  });

  it('knows no state for any other number', () => {
    for (const code of [0, 10, -1, 2.5, Number.NaN]) expect(fuelPointStateOf(code)).toBeUndefined();
  });
});

describe('fuelPointTransition', () => {
  it('follows a card sale from nozzle up to the end of the sale', () => {
    const path = ['IDLE', 'CALLING', 'AUTHORISED', 'STARTED', 'FUELLING', 'SUSPENDED_FUELLING', 'FUELLING', 'IDLE'] as const;
    for (let i = 1; i < path.length; i++) expect(fuelPointTransition(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`).toBe(true);
  });

  it('lets an authorisation expire and a nozzle be hung up unserved', () => {
    expect(fuelPointTransition('AUTHORISED', 'IDLE')).toBe(true);
    expect(fuelPointTransition('CALLING', 'IDLE')).toBe(true);
    expect(fuelPointTransition('IDLE', 'AUTHORISED')).toBe(true);
  });

  it('lets every state fail or be closed, and a closed point reopen only to IDLE', () => {
    for (const state of FUEL_POINT_STATES) {
      if (state !== 'INOPERATIVE') expect(fuelPointTransition(state, 'INOPERATIVE')).toBe(true);
      if (state !== 'CLOSED') expect(fuelPointTransition(state, 'CLOSED')).toBe(true);
    }
    expect(fuelPointStatesFrom('CLOSED')).toEqual(['INOPERATIVE', 'IDLE']);
    expect(fuelPointStatesFrom('INOPERATIVE')).toEqual(['CLOSED']);
  });

  it('refuses fuel without an authorisation and skipping the start', () => {
    expect(fuelPointTransition('IDLE', 'FUELLING')).toBe(false);
    expect(fuelPointTransition('CALLING', 'STARTED')).toBe(false);
    expect(fuelPointTransition('AUTHORISED', 'FUELLING')).toBe(false);
    expect(fuelPointTransition('INOPERATIVE', 'IDLE')).toBe(false);
    expect(fuelPointTransition('SUSPENDED_FUELLING', 'STARTED')).toBe(false);
    expect(fuelPointTransition('FUELLING', 'CALLING')).toBe(false);
  });

  it('does not count staying in a state as a move', () => {
    for (const state of FUEL_POINT_STATES) expect(fuelPointTransition(state, state)).toBe(false);
  });
});

describe('isDispensing', () => {
  it('is true exactly from STARTED to SUSPENDED_FUELLING', () => {
    expect(FUEL_POINT_STATES.filter(isDispensing)).toEqual(['STARTED', 'SUSPENDED_STARTED', 'FUELLING', 'SUSPENDED_FUELLING']);
  });
});
