/**
 * A simulated LPG filling line: scales with an RFID reader each (GB/T 38059-2019 filling control).
 * A cylinder is put on a scale, its tag is read and reported; the scale waits for the platform's
 * RELEASE (it fills the cylinder, reporting the weight as it rises, then the fill) or LOCK (the
 * cylinder is taken off unfilled). After each fill the scale locks itself again.
 */
export interface SimulatedScale {
  id: string;
}

/** A cylinder that comes down the line; `tag` need not be registered (the platform must then lock). */
export interface SimulatedCylinder {
  tag: string;
  tareKg: number;
  maxFillKg: number;
  toleranceKg: number;
}

export interface FillingLineOptions {
  scales: SimulatedScale[];
  /**
   * Cylinders in the order they come (the line goes round them), or what brings the next one: the
   * depot's empties as they come back (undefined: none is waiting, try again after the rest).
   */
  cylinders: SimulatedCylinder[] | (() => SimulatedCylinder | undefined);
  /** Pause between one cylinder leaving a scale and the next arriving (default 12 s). */
  restMs?: number;
  /** How long a fill takes (default 8 s). */
  fillMs?: number;
  /** A scale given no answer this long takes the cylinder off unfilled (default 15 s). */
  answerTimeoutMs?: number;
  /** One fill in this many is overfilled (a worn valve on the filling gun); 0: never. Default 40. */
  overfillEvery?: number;
  /** The operator named on fills. */
  operator?: string;
}

type Publish = (kind: 'scale', deviceId: string, channel: 'telemetry' | 'event' | 'command/ack', body: Record<string, unknown>) => void;

type ScalePhase =
  | { phase: 'idle'; until: number }
  | { phase: 'waiting'; cylinder: SimulatedCylinder; since: number }
  | { phase: 'filling'; cylinder: SimulatedCylinder; since: number; netKg: number }
  | { phase: 'removing'; until: number };

export class FillingLine {
  private readonly state = new Map<string, ScalePhase>();
  private next = 0;
  private fills = 0;
  private seq = Date.now();

  constructor(
    private readonly options: FillingLineOptions,
    private readonly publish: Publish,
    private readonly random: () => number = Math.random,
  ) {
    // Scales start staggered, so their reads do not come in pairs.
    options.scales.forEach((s, i) => this.state.set(s.id, { phase: 'idle', until: Date.now() + i * (this.restMs / 2) }));
  }

  get scaleIds(): string[] {
    return [...this.state.keys()];
  }

  private get restMs() {
    return this.options.restMs ?? 12_000;
  }

  /** Moves every scale on; call about once a second. */
  tick(now: Date): void {
    const t = now.getTime();
    for (const [scaleId, s] of this.state) {
      if ((s.phase === 'idle' || s.phase === 'removing') && t >= s.until) this.place(scaleId, now);
      else if (s.phase === 'waiting' && t - s.since > (this.options.answerTimeoutMs ?? 15_000)) this.takeOff(scaleId, now);
      else if (s.phase === 'filling') this.fill(scaleId, s, now);
    }
  }

  /** A LOCK or RELEASE for a scale of this line; false when the scale is not one of them. */
  command(scaleId: string, command: { id?: unknown; action?: unknown; cylinderId?: unknown }, now = new Date()): boolean {
    const s = this.state.get(scaleId);
    if (!s || typeof command.id !== 'string') return false;
    const id = command.id;
    if (command.action !== 'LOCK' && command.action !== 'RELEASE') {
      this.publish('scale', scaleId, 'command/ack', { id, status: 'rejected', reason: 'unknown action' });
      return true;
    }
    this.publish('scale', scaleId, 'command/ack', { id, status: 'accepted' });
    if (s.phase === 'waiting') {
      if (command.action === 'RELEASE') {
        const overfill = (this.options.overfillEvery ?? 40) > 0 && ++this.fills % (this.options.overfillEvery ?? 40) === 0;
        const c = s.cylinder;
        // A good fill lands within the tolerance below the maximum; an overfill goes past it.
        const netKg = overfill ? c.maxFillKg + c.toleranceKg + 0.4 : c.maxFillKg - this.random() * c.toleranceKg;
        this.state.set(scaleId, { phase: 'filling', cylinder: c, since: now.getTime(), netKg: round2(netKg) });
      } else {
        this.takeOff(scaleId, now);
      }
    }
    this.publish('scale', scaleId, 'command/ack', { id, status: 'done' });
    return true;
  }

  private place(scaleId: string, now: Date): void {
    const cylinders = this.options.cylinders;
    const cylinder = typeof cylinders === 'function' ? cylinders() : cylinders[this.next++ % cylinders.length];
    if (!cylinder) {
      this.state.set(scaleId, { phase: 'idle', until: now.getTime() + this.restMs });
      return;
    }
    this.state.set(scaleId, { phase: 'waiting', cylinder, since: now.getTime() });
    this.publish('scale', scaleId, 'telemetry', { ts: now.toISOString(), seq: ++this.seq, weightKg: cylinder.tareKg });
    // `seq` makes a redelivered event harmless: the platform stores each (scale, seq) once.
    this.publish('scale', scaleId, 'event', { ts: now.toISOString(), seq: ++this.seq, type: 'TAG_READ', tag: cylinder.tag });
  }

  private fill(scaleId: string, s: Extract<ScalePhase, { phase: 'filling' }>, now: Date): void {
    const fillMs = this.options.fillMs ?? 8_000;
    const share = Math.min(1, (now.getTime() - s.since) / fillMs);
    const weightKg = round2(s.cylinder.tareKg + s.netKg * share);
    this.publish('scale', scaleId, 'telemetry', { ts: now.toISOString(), seq: ++this.seq, weightKg });
    if (share < 1) return;
    const c = s.cylinder;
    this.publish('scale', scaleId, 'event', {
      ts: now.toISOString(),
      seq: ++this.seq,
      type: 'FILL',
      tag: c.tag,
      tareKg: c.tareKg,
      grossKg: round2(c.tareKg + s.netKg),
      netKg: s.netKg,
      ...(this.options.operator ? { operator: this.options.operator } : {}),
    });
    this.takeOff(scaleId, now);
  }

  private takeOff(scaleId: string, now: Date): void {
    this.state.set(scaleId, { phase: 'removing', until: now.getTime() + this.restMs });
    this.publish('scale', scaleId, 'telemetry', { ts: now.toISOString(), seq: ++this.seq, weightKg: 0 });
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100;
