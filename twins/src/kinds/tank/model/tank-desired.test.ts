import { describe, expect, it } from 'vitest';
import { askFor, tankDelta, withdraw } from './tank-desired';

const at = new Date('2026-11-21T08:00:00Z');
const reported = (inletValveOpen: boolean | null, highHighSetpointMm: number | null) => ({ inletValveOpen, highHighSetpointMm });

describe('tank desired state', () => {
  it('shows as delta what the device does not report yet, and nothing once it does', () => {
    const desired = askFor({}, { inletValveOpen: false, highHighSetpointMm: 2350 }, 'c-1', at);
    expect(tankDelta(desired, reported(true, 2400))).toEqual({ inletValveOpen: false, highHighSetpointMm: 2350 });
    expect(tankDelta(desired, reported(null, null))).toEqual({ inletValveOpen: false, highHighSetpointMm: 2350 });
    expect(tankDelta(desired, reported(false, 2400))).toEqual({ highHighSetpointMm: 2350 });
    expect(tankDelta(desired, reported(false, 2350.004))).toBeNull();
    expect(tankDelta({}, reported(true, 1))).toBeNull();
  });

  it('lets a command withdraw only what it asked for, not what a later command asked again', () => {
    const first = askFor({}, { inletValveOpen: false, highHighSetpointMm: 2350 }, 'c-1', at);
    const second = askFor(first, { inletValveOpen: true }, 'c-2', at);
    expect(withdraw(second, 'c-1')).toEqual({ inletValveOpen: { value: true, commandId: 'c-2', at } });
    expect(withdraw(second, 'c-2')).toEqual({ highHighSetpointMm: { value: 2350, commandId: 'c-1', at } });
  });
});
