import type { SerialPort } from 'serialport';

export type ExchangeResult = { ok: true; frame: Buffer } | { ok: false; received: Buffer };

/**
 * Request/response over a serial line for protocols framed by their content (the TLS ends each answer
 * with ETX): write, then collect bytes until `frameLength` finds a whole frame or the time is up.
 * One exchange at a time; the poller guarantees it.
 */
export class SerialExchange {
  private received = Buffer.alloc(0);
  private waiting?: () => void;

  constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.waiting?.();
    });
  }

  /**
   * `frameLength(bytes)` returns the length of the complete frame at the start of `bytes`, or
   * undefined while more is needed. On timeout the bytes received so far come back (empty = silence).
   */
  async request(command: Buffer, frameLength: (bytes: Buffer) => number | undefined, timeoutMs: number): Promise<ExchangeResult> {
    // Whatever arrived unasked (the late end of a timed-out answer) belongs to no request.
    this.received = Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => this.port.write(command, (err) => (err ? reject(err) : resolve())));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const length = frameLength(this.received);
      if (length !== undefined) {
        const frame = this.received.subarray(0, length);
        this.received = this.received.subarray(length);
        return { ok: true, frame };
      }
      const left = deadline - Date.now();
      if (left <= 0) return { ok: false, received: this.received };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiting = undefined;
    }
  }
}
