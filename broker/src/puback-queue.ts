/** Where one connection's acknowledgements go. */
export interface AckTarget {
  /** Whether the connection is gone (nothing more is written to it). */
  readonly closed: boolean;
  write(bytes: Buffer): void;
  /** Ends the connection without acknowledging what waits (the client retransmits it, DUP=1). */
  close(): void;
  /** Stops reading the connection's packets (they wait in its socket, then TCP pushes back)… */
  pause(): void;
  /** …and reads on. */
  resume(): void;
}

/** How far a connection may read ahead of its acknowledgements. */
export interface ReadAheadLimits {
  /** QoS 1 publishes received but not yet acknowledged; at this many, its next packets wait unread. */
  maxUnackedPublishes: number;
  /** Their payload bytes together, likewise. */
  maxUnackedBytes: number;
}

export const defaultReadAheadLimits: ReadAheadLimits = {
  // A gateway publishing 500 readings a second while a slow commit takes 200 ms has 100 waiting;
  // the bytes bound keeps a hostile client's large payloads to 1 MiB per connection.
  maxUnackedPublishes: 1000,
  maxUnackedBytes: 1024 * 1024,
};

interface Slot {
  messageId: number;
  bytes: number;
  stored: boolean;
}

/**
 * The QoS 1 acknowledgements of one connection. Acknowledged = stored (DESIGN §3), so a PUBACK
 * waits for the sink's commit; but Aedes reads a connection's next packets only after it was
 * told every packet of its last read is done, and writes the PUBACK when told. Left to Aedes, a
 * connection would therefore stop reading for every commit, and a reading that arrives meanwhile
 * would wait in the socket for a whole commit before its own even starts. Here Aedes is told
 * "done" at once (the PUBACK taken over), the connection reads on up to the read-ahead limits, and
 * each PUBACK is written when its message is stored, in the order the PUBLISHes arrived
 * [MQTT-4.6.0-2]. At the limits reading pauses until acknowledgements make room (the packets
 * already read from the socket with the one that reached a limit are still handled).
 */
export class PubackQueue {
  private readonly slots: Slot[] = [];
  /** First slot not yet stored: those before it are acknowledged (written, or about to be). */
  private head = 0;
  /** First slot whose PUBACK is not written yet. */
  private written = 0;
  private writeScheduled = false;
  private unackedBytes = 0;
  private paused = false;
  private failed = false;

  constructor(
    private readonly target: AckTarget,
    private readonly limits: ReadAheadLimits,
  ) {}

  /** QoS 1 publishes taken and not yet acknowledged. */
  get unacked(): number {
    return this.slots.length - this.head;
  }

  /**
   * Takes over the PUBACK of the QoS 1 publish `messageId` (`bytes`: its payload). Returns how to
   * settle it: without an error it is acknowledged in its turn; with one the connection is closed
   * and nothing after it is acknowledged, as when Aedes is handed an error.
   */
  take(messageId: number, bytes: number): (err?: Error | null) => void {
    const slot: Slot = { messageId, bytes, stored: false };
    this.slots.push(slot);
    this.unackedBytes += bytes;
    if (!this.paused && !this.hasRoom()) {
      this.paused = true;
      this.target.pause();
    }
    return (err) => {
      if (err) return this.fail();
      slot.stored = true;
      this.flush();
    };
  }

  private hasRoom(): boolean {
    return this.unacked <= this.limits.maxUnackedPublishes && this.unackedBytes <= this.limits.maxUnackedBytes;
  }

  private flush(): void {
    if (this.failed) return;
    const start = this.head;
    while (this.head < this.slots.length && this.slots[this.head]!.stored) this.unackedBytes -= this.slots[this.head++]!.bytes;
    if (this.head === start) return;
    // A committed batch settles its messages one promise reaction after another: their PUBACKs go
    // out in one write once those reactions have run, not in one small write each.
    if (!this.writeScheduled) {
      this.writeScheduled = true;
      process.nextTick(() => this.writeOut());
    }
    if (this.paused && this.hasRoom()) {
      this.paused = false;
      this.target.resume();
    }
  }

  private writeOut(): void {
    this.writeScheduled = false;
    if (this.failed) return;
    if (!this.target.closed) this.target.write(pubacks(this.slots, this.written, this.head));
    this.written = this.head;
    // Drop written slots once they are the larger part, so the array stays short without shifting per ack.
    if (this.written >= 64 && this.written * 2 >= this.slots.length) {
      this.slots.splice(0, this.written);
      this.head -= this.written;
      this.written = 0;
    }
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.slots.length = this.head = this.written = this.unackedBytes = 0;
    this.target.close();
  }
}

/** MQTT 3.1.1 §3.4: PUBACK is 0x40, remaining length 2, the packet identifier (big-endian); one write for the run. */
function pubacks(slots: Slot[], from: number, to: number): Buffer {
  const bytes = Buffer.allocUnsafe((to - from) * 4);
  for (let i = from, at = 0; i < to; i++, at += 4) {
    bytes[at] = 0x40;
    bytes[at + 1] = 0x02;
    bytes.writeUInt16BE(slots[i]!.messageId, at + 2);
  }
  return bytes;
}
