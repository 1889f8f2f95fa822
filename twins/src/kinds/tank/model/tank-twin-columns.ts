import type { OpenAlarm } from '../../../model/alarm';
import type { TankDesired } from './tank-desired';
import type { TankTwinState } from './tank-twin';

/**
 * The numbers kept per twin, in this order (times as epoch milliseconds); null is NaN (no value
 * a twin holds is ever NaN: JSON has none). A restore reads them from the database in this order.
 */
export const twinNumbers = [
  'levelMm',
  'temperatureC',
  'pressureKPa',
  'waterLevelMm',
  'highHighSetpointMm',
  'volumeLiters',
  'volumeAtReferenceLiters',
  'fillPercent',
  'massKg',
  'reportedAt',
  'lastSeenAt',
  'lastSeq',
  'lastBoot',
] as const;
export type TwinNumber = (typeof twinNumbers)[number];
const at = (n: TwinNumber) => twinNumbers.indexOf(n);
const LEVEL = at('levelMm'),
  TEMPERATURE = at('temperatureC'),
  PRESSURE = at('pressureKPa'),
  WATER = at('waterLevelMm'),
  SETPOINT = at('highHighSetpointMm'),
  VOLUME = at('volumeLiters'),
  VOLUME_AT_REFERENCE = at('volumeAtReferenceLiters'),
  FILL = at('fillPercent'),
  MASS = at('massKg'),
  REPORTED_AT = at('reportedAt'),
  LAST_SEEN_AT = at('lastSeenAt'),
  LAST_SEQ = at('lastSeq'),
  LAST_BOOT = at('lastBoot');
const NUMBERS = twinNumbers.length;

/** A twin as a restore reads it: the numbers packed as `twinNumbers`, the rest as it is. */
export interface PackedTwin {
  tankId: string;
  tenantId: string;
  gatewayId: string | null;
  /** Big-endian doubles in `twinNumbers` order. */
  numbers: DataView;
  inletValveOpen: boolean | null;
  levelOutOfRange: 'below' | 'above' | null;
  online: boolean;
  stale: boolean;
  version: number;
  desired: TankDesired;
}

/** Small integers per twin: tenant and gateway (indexes into `strings`; -1 = none), version, flags. */
const TENANT = 0,
  GATEWAY = 1,
  VERSION = 2,
  FLAGS = 3,
  INTS = 4;
const ONLINE = 1,
  STALE = 2,
  VALVE_SHIFT = 2,
  RANGE_SHIFT = 4;
const ranges = [null, 'below', 'above'] as const;
/** Slots per block: blocks are allocated whole and never copied as the table grows. */
const BLOCK_BITS = 12,
  BLOCK = 1 << BLOCK_BITS;

const num = (v: number) => (Number.isNaN(v) ? null : v);
const time = (v: number) => (Number.isNaN(v) ? null : new Date(v));
const flagsOf = (online: boolean, stale: boolean, valve: boolean | null, range: TankTwinState['derived']['levelOutOfRange']) =>
  (online ? ONLINE : 0) | (stale ? STALE : 0) | ((valve === null ? 0 : valve ? 2 : 1) << VALVE_SHIFT) | (ranges.indexOf(range) << RANGE_SHIFT);

/**
 * Tank twins' state, packed: as objects a twin cost 866 bytes (nested objects, boxed doubles,
 * Dates, a copy of the tenant id per twin), here about 250 (its id, twelve unboxed doubles, four
 * small integers). Plain arrays, not typed arrays: V8 keeps an array of doubles unboxed on its
 * heap, where heap figures count it. A twin comes out as a new object each time it is read
 * (readers never change a twin; writers put its next state).
 */
export class TankTwinColumns {
  private count = 0;
  private readonly idBlocks: string[][] = [];
  private readonly numberBlocks: number[][] = [];
  private readonly intBlocks: number[][] = [];
  /** Tenant and gateway ids, each kept once. */
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  /** Rare: most twins have nothing desired and no open alarm. */
  private readonly desired = new Map<number, TankDesired>();
  private readonly alarms = new Map<number, OpenAlarm[]>();

  get size(): number {
    return this.count;
  }

  /** Appends a twin; returns its slot. */
  add(twin: TankTwinState): number {
    const slot = this.newSlot(twin.tankId);
    this.put(slot, twin);
    return slot;
  }

  /** Puts a twin as a restore read it, in a new slot unless given one; returns its slot. */
  putPacked(twin: PackedTwin, alarms: OpenAlarm[], slot = this.newSlot(twin.tankId)): number {
    const [numbers, n] = this.numbersOf(slot);
    for (let k = 0; k < NUMBERS; k++) numbers[n + k] = twin.numbers.getFloat64(k * 8);
    // Times were seconds as doubles in the database: back to the whole milliseconds they were.
    numbers[n + REPORTED_AT] = Math.round(numbers[n + REPORTED_AT]!);
    numbers[n + LAST_SEEN_AT] = Math.round(numbers[n + LAST_SEEN_AT]!);
    this.putInts(slot, twin.tenantId, twin.gatewayId, twin.version, flagsOf(twin.online, twin.stale, twin.inletValveOpen, twin.levelOutOfRange));
    this.putRare(slot, twin.desired, alarms);
    return slot;
  }

  put(slot: number, t: TankTwinState): void {
    const [v, n] = this.numbersOf(slot);
    const { reported: r, derived: d } = t;
    v[n + LEVEL] = r.levelMm ?? NaN;
    v[n + TEMPERATURE] = r.temperatureC ?? NaN;
    v[n + PRESSURE] = r.pressureKPa ?? NaN;
    v[n + WATER] = r.waterLevelMm ?? NaN;
    v[n + SETPOINT] = r.highHighSetpointMm ?? NaN;
    v[n + VOLUME] = d.volumeLiters ?? NaN;
    v[n + VOLUME_AT_REFERENCE] = d.volumeAtReferenceLiters ?? NaN;
    v[n + FILL] = d.fillPercent ?? NaN;
    v[n + MASS] = d.massKg ?? NaN;
    v[n + REPORTED_AT] = t.reportedAt?.getTime() ?? NaN;
    v[n + LAST_SEEN_AT] = t.lastSeenAt?.getTime() ?? NaN;
    v[n + LAST_SEQ] = t.lastSeq ?? NaN;
    v[n + LAST_BOOT] = t.lastBoot ?? NaN;
    this.putInts(slot, t.tenantId, t.gatewayId, t.version, flagsOf(t.online, t.stale, r.inletValveOpen, d.levelOutOfRange));
    this.putRare(slot, t.desired, t.alarms);
  }

  get(slot: number): TankTwinState {
    const [v, n] = this.numbersOf(slot);
    const [ints, i] = this.intsOf(slot);
    const flags = ints[i + FLAGS]!;
    const valve = (flags >> VALVE_SHIFT) & 3;
    const gateway = ints[i + GATEWAY]!;
    return {
      tankId: this.idBlocks[slot >> BLOCK_BITS]![slot & (BLOCK - 1)]!,
      tenantId: this.strings[ints[i + TENANT]!]!,
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
      lastBoot: num(v[n + LAST_BOOT]!),
      version: ints[i + VERSION]!,
      alarms: this.alarms.get(slot) ?? [],
    };
  }

  /** The slots of twins whose last data came through this gateway, without reading the others. */
  slotsBehind(gatewayId: string): number[] {
    const index = this.stringIndex.get(gatewayId);
    const slots: number[] = [];
    if (index === undefined) return slots;
    for (let slot = 0; slot < this.count; slot++) {
      const [ints, i] = this.intsOf(slot);
      if (ints[i + GATEWAY] === index) slots.push(slot);
    }
    return slots;
  }

  private newSlot(tankId: string): number {
    const slot = this.count++;
    if (slot >> BLOCK_BITS === this.numberBlocks.length) {
      // Filled with doubles (NaN) so V8 stores the block as unboxed doubles; ints start as small integers.
      this.numberBlocks.push(new Array<number>(BLOCK * NUMBERS).fill(NaN));
      this.intBlocks.push(new Array<number>(BLOCK * INTS).fill(0));
      this.idBlocks.push(new Array<string>(BLOCK).fill(''));
    }
    this.idBlocks[slot >> BLOCK_BITS]![slot & (BLOCK - 1)] = tankId;
    return slot;
  }

  private numbersOf(slot: number): [number[], number] {
    return [this.numberBlocks[slot >> BLOCK_BITS]!, (slot & (BLOCK - 1)) * NUMBERS];
  }

  private intsOf(slot: number): [number[], number] {
    return [this.intBlocks[slot >> BLOCK_BITS]!, (slot & (BLOCK - 1)) * INTS];
  }

  private putInts(slot: number, tenantId: string, gatewayId: string | null, version: number, flags: number): void {
    const [ints, i] = this.intsOf(slot);
    ints[i + TENANT] = this.intern(tenantId);
    ints[i + GATEWAY] = gatewayId === null ? -1 : this.intern(gatewayId);
    ints[i + VERSION] = version;
    ints[i + FLAGS] = flags;
  }

  private putRare(slot: number, desired: TankDesired, alarms: OpenAlarm[]): void {
    if (desired.inletValveOpen || desired.highHighSetpointMm) this.desired.set(slot, desired);
    else this.desired.delete(slot);
    if (alarms.length > 0) this.alarms.set(slot, alarms);
    else this.alarms.delete(slot);
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
