import type { OpenAlarm } from '../model/alarm';
import type { TankDesired } from '../model/tank-desired';
import type { TankTwinState } from '../model/tank-twin';

/** Numbers kept per twin, in this order; null is NaN (no reported value or time is ever NaN: JSON has none). */
const LEVEL = 0,
  TEMPERATURE = 1,
  PRESSURE = 2,
  WATER = 3,
  SETPOINT = 4,
  VOLUME = 5,
  VOLUME_AT_REFERENCE = 6,
  FILL = 7,
  MASS = 8,
  REPORTED_AT = 9,
  LAST_SEEN_AT = 10,
  LAST_SEQ = 11,
  NUMBERS = 12;
/** Small integers kept per twin: tenant and gateway (as indexes into `strings`), version, flags. */
const TENANT = 0,
  GATEWAY = 1,
  VERSION = 2,
  FLAGS = 3,
  INTS = 4;
const ONLINE = 1,
  STALE = 2;
/** Three-valued fields in the flags: 0 = null. */
const VALVE_SHIFT = 2,
  RANGE_SHIFT = 4;
const ranges = [null, 'below', 'above'] as const;

const num = (v: number) => (Number.isNaN(v) ? null : v);
const time = (v: number) => (Number.isNaN(v) ? null : new Date(v));

/**
 * Tank twins' state, packed: a million twins as objects cost 866 bytes each (nested objects,
 * boxed doubles, three Dates, a copy of the tenant id per twin), here about 250 (its id, twelve
 * unboxed doubles, four small integers). Plain arrays rather than typed arrays: V8 keeps an
 * array of numbers unboxed on its heap, where heap figures see it. A twin comes out as a new
 * object each time it is read (readers never mutate twins; writers put a new state).
 */
export class TankTwinColumns {
  private readonly ids: string[] = [];
  // Starts with a double so V8 keeps it as unboxed doubles from the first element on.
  private readonly numbers: number[] = [0.5];
  private readonly ints: number[] = [];
  /** Tenant and gateway ids, each kept once. */
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  /** Rare: most twins have nothing desired and no open alarm. */
  private readonly desired = new Map<number, TankDesired>();
  private readonly alarms = new Map<number, OpenAlarm[]>();

  constructor() {
    this.numbers.pop();
  }

  get size(): number {
    return this.ids.length;
  }

  /** Appends a twin; returns its slot. */
  add(twin: TankTwinState): number {
    const slot = this.ids.length;
    this.ids.push(twin.tankId);
    for (let i = 0; i < NUMBERS; i++) this.numbers.push(NaN);
    for (let i = 0; i < INTS; i++) this.ints.push(0);
    this.put(slot, twin);
    return slot;
  }

  put(slot: number, t: TankTwinState): void {
    const n = slot * NUMBERS;
    const { reported: r, derived: d } = t;
    this.numbers[n + LEVEL] = r.levelMm ?? NaN;
    this.numbers[n + TEMPERATURE] = r.temperatureC ?? NaN;
    this.numbers[n + PRESSURE] = r.pressureKPa ?? NaN;
    this.numbers[n + WATER] = r.waterLevelMm ?? NaN;
    this.numbers[n + SETPOINT] = r.highHighSetpointMm ?? NaN;
    this.numbers[n + VOLUME] = d.volumeLiters ?? NaN;
    this.numbers[n + VOLUME_AT_REFERENCE] = d.volumeAtReferenceLiters ?? NaN;
    this.numbers[n + FILL] = d.fillPercent ?? NaN;
    this.numbers[n + MASS] = d.massKg ?? NaN;
    this.numbers[n + REPORTED_AT] = t.reportedAt?.getTime() ?? NaN;
    this.numbers[n + LAST_SEEN_AT] = t.lastSeenAt?.getTime() ?? NaN;
    this.numbers[n + LAST_SEQ] = t.lastSeq ?? NaN;
    const i = slot * INTS;
    this.ints[i + TENANT] = this.intern(t.tenantId);
    this.ints[i + GATEWAY] = t.gatewayId === null ? -1 : this.intern(t.gatewayId);
    this.ints[i + VERSION] = t.version;
    this.ints[i + FLAGS] =
      (t.online ? ONLINE : 0) |
      (t.stale ? STALE : 0) |
      ((r.inletValveOpen === null ? 0 : r.inletValveOpen ? 2 : 1) << VALVE_SHIFT) |
      (ranges.indexOf(d.levelOutOfRange) << RANGE_SHIFT);
    setOrDelete(this.desired, slot, Object.keys(t.desired).length > 0 ? t.desired : undefined);
    setOrDelete(this.alarms, slot, t.alarms.length > 0 ? t.alarms : undefined);
  }

  get(slot: number): TankTwinState {
    const n = slot * NUMBERS;
    const i = slot * INTS;
    const v = this.numbers;
    const flags = this.ints[i + FLAGS]!;
    const valve = (flags >> VALVE_SHIFT) & 3;
    const gateway = this.ints[i + GATEWAY]!;
    return {
      tankId: this.ids[slot]!,
      tenantId: this.strings[this.ints[i + TENANT]!]!,
      gatewayId: gateway < 0 ? null : this.strings[gateway]!,
      reported: {
        levelMm: num(v[n + LEVEL]!),
        temperatureC: num(v[n + TEMPERATURE]!),
        pressureKPa: num(v[n + PRESSURE]!),
        waterLevelMm: num(v[n + WATER]!),
        inletValveOpen: valve === 0 ? null : valve === 2,
        highHighSetpointMm: num(v[n + SETPOINT]!),
      },
      reportedAt: time(v[n + REPORTED_AT]!),
      derived: {
        volumeLiters: num(v[n + VOLUME]!),
        volumeAtReferenceLiters: num(v[n + VOLUME_AT_REFERENCE]!),
        fillPercent: num(v[n + FILL]!),
        massKg: num(v[n + MASS]!),
        levelOutOfRange: ranges[(flags >> RANGE_SHIFT) & 3]!,
      },
      desired: this.desired.get(slot) ?? {},
      online: (flags & ONLINE) !== 0,
      stale: (flags & STALE) !== 0,
      lastSeenAt: time(v[n + LAST_SEEN_AT]!),
      lastSeq: num(v[n + LAST_SEQ]!),
      version: this.ints[i + VERSION]!,
      alarms: this.alarms.get(slot) ?? [],
    };
  }

  /** The slots of twins whose last data came through this gateway, without reading the others. */
  slotsBehind(gatewayId: string): number[] {
    const index = this.stringIndex.get(gatewayId);
    const slots: number[] = [];
    if (index === undefined) return slots;
    for (let slot = 0, i = GATEWAY; slot < this.ids.length; slot++, i += INTS) if (this.ints[i] === index) slots.push(slot);
    return slots;
  }

  private intern(s: string): number {
    let index = this.stringIndex.get(s);
    if (index === undefined) {
      index = this.strings.push(s) - 1;
      this.stringIndex.set(s, index);
    }
    return index;
  }
}

function setOrDelete<V>(map: Map<number, V>, key: number, value: V | undefined): void {
  if (value === undefined) map.delete(key);
  else map.set(key, value);
}
