import type { BulkQueryable } from '@hearth/platform/db';
import type { DeviceTwin, KindTwins } from './twin-kind';

/**
 * The committed twins of a kind whose fleet is counted in thousands, not millions (detectors,
 * valves): a map by device id, each twin kept as the object it is. The tank kind packs its twins
 * into columns instead (a million restored at start must not cost a gigabyte).
 */
export class KeyedTwins<State extends DeviceTwin> implements KindTwins<State> {
  private readonly byId = new Map<string, State>();

  constructor(
    private readonly idOf: (twin: State) => string,
    /** Reads every stored twin of the kind, one at a time. */
    private readonly load: (db: BulkQueryable, each: (twin: State) => void) => Promise<void>,
  ) {}

  get(deviceId: string): State | undefined {
    return this.byId.get(deviceId);
  }

  set(twin: State): void {
    this.byId.set(this.idOf(twin), twin);
  }

  all(): IterableIterator<State> {
    return this.byId.values();
  }

  behindGateway(gatewayId: string): State[] {
    return [...this.byId.values()].filter((twin) => twin.gatewayId === gatewayId);
  }

  async restore(db: BulkQueryable): Promise<number> {
    await this.load(db, (twin) => this.set(twin));
    return this.byId.size;
  }

  get size(): number {
    return this.byId.size;
  }
}
