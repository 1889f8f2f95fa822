import { describe, expect, it } from 'vitest';
import { deviceKinds } from '@hearth/broker';
import { HearthError } from '@hearth/platform';
import { AlarmAssetKind } from '../schema/alarm.type';
import { DeviceKind } from '../schema/device-kind.enum';
import { valveKind } from './valve/valve-kind';
import { TwinKinds } from './twin-kind';

describe('the kind registry', () => {
  it('refuses an unregistered kind with UNKNOWN_DEVICE_KIND, naming it', () => {
    const kinds = new TwinKinds().register(valveKind());
    expect(kinds.require('valve').kind).toBe('valve');
    let refused: unknown;
    try {
      kinds.require('meter');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(HearthError);
    expect(refused).toMatchObject({ extensions: { code: 'UNKNOWN_DEVICE_KIND', kind: 'meter' } });
  });

  it('is described by the GraphQL enums: every kind of the MQTT contract is a DeviceKind and an AlarmAssetKind', () => {
    expect(Object.values(DeviceKind).sort()).toEqual([...deviceKinds].sort());
    expect(Object.values(AlarmAssetKind).sort()).toEqual([...deviceKinds, 'gateway'].sort());
  });
});
