import type { DeviceKind as Kind } from '@hearth/broker';
import { registerEnumType } from 'type-graphql';

/** The kinds of device of the MQTT contract (topic level `{kind}`), as a GraphQL enum. Shared by the twins and fleet subgraphs. */
export enum DeviceKind {
  TANK = 'tank',
  CYLINDER = 'cylinder',
  PUMP = 'pump',
  METER = 'meter',
  DETECTOR = 'detector',
  VALVE = 'valve',
  SCALE = 'scale',
}
registerEnumType(DeviceKind, {
  name: 'DeviceKind',
  description: 'What a device is; its lower-case name is the `{kind}` level of its MQTT topics.',
  valuesConfig: {
    TANK: { description: 'A tank gauge (its id is the tank id).' },
    CYLINDER: { description: 'A smart cylinder (scale, tracker).' },
    PUMP: { description: 'A dispenser pump.' },
    METER: { description: 'A gas meter.' },
    DETECTOR: { description: 'A gas-leak detector reading % LEL (household or industrial).' },
    VALVE: { description: 'A gas shut-off valve, closed by a detector’s interlock or by an operator.' },
    SCALE: { description: 'A cylinder filling scale with its tag reader, locked or released by the filling interlock (its id is the filling scale’s).' },
  },
});

/** The enum's values are the topic kinds themselves. */
export const asKind = (kind: DeviceKind): Kind => kind as Kind;
export const fromKind = (kind: Kind): DeviceKind => kind as DeviceKind;
