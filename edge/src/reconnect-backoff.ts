/**
 * Reconnect delays: doubling from `minMs` to `maxMs`, each drawn with jitter (50–100 % of the
 * step) so a depot of gateways does not reconnect in one wave after a broker restart.
 */
export class ReconnectBackoff {
  private step: number;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {
    this.step = minMs;
  }

  /** How long to wait before the next attempt; each call doubles the following one. */
  next(): number {
    const wait = Math.round(this.step * (0.5 + Math.random() / 2));
    this.step = Math.min(this.step * 2, this.maxMs);
    return wait;
  }

  /** Connected: the next outage starts again from the shortest delay. */
  reset(): void {
    this.step = this.minMs;
  }
}
