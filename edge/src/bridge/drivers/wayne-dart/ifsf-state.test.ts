import { describe, expect, it } from 'vitest';
import { dartStatus, ifsfState, type PumpView } from './ifsf-state';

const pump = (status: number | undefined, view: Partial<PumpView> = {}): PumpView => ({ status, nozzleOut: false, delivered: false, refused: false, ...view });

describe('DART status to IFSF state', () => {
  it.each([
    ['a silent pump', pump(undefined), 'INOPERATIVE'],
    ['PUMP NOT PROGRAMMED (no prices)', pump(dartStatus.notProgrammed), 'INOPERATIVE'],
    ['RESET, nozzle in', pump(dartStatus.reset), 'IDLE'],
    ['RESET, nozzle out', pump(dartStatus.reset, { nozzleOut: true }), 'CALLING'],
    ['RESET, nozzle out, card refused', pump(dartStatus.reset, { nozzleOut: true, refused: true }), 'IDLE'],
    ['AUTHORIZED, nozzle in', pump(dartStatus.authorized), 'AUTHORISED'],
    ['AUTHORIZED, nozzle out', pump(dartStatus.authorized, { nozzleOut: true }), 'STARTED'],
    ['FILLING', pump(dartStatus.filling, { nozzleOut: true, delivered: true }), 'FUELLING'],
    ['SUSPENDED before any fuel', pump(dartStatus.suspended, { nozzleOut: true }), 'SUSPENDED_STARTED'],
    ['SUSPENDED mid-sale', pump(dartStatus.suspended, { nozzleOut: true, delivered: true }), 'SUSPENDED_FUELLING'],
    ['FILLING COMPLETED', pump(dartStatus.fillingCompleted, { delivered: true }), 'IDLE'],
    ['MAX AMOUNT/VOLUME REACHED', pump(dartStatus.maxReached, { nozzleOut: true, delivered: true }), 'IDLE'],
    ['SWITCHED OFF', pump(dartStatus.switchedOff), 'CLOSED'],
    ['a status DART does not define (3)', pump(3), 'INOPERATIVE'],
  ])('%s → %s', (_, view, state) => {
    expect(ifsfState(view)).toBe(state);
  });
});
