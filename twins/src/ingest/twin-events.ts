import { EventEmitter, on } from 'node:events';
import type { TankTwinState } from '../model/tank-twin';

/** A twin changed (after its change is committed). Carries the committed state. */
export interface TankTwinChanged {
  tenantId: string;
  tankId: string;
  state: TankTwinState;
}

/**
 * In-process fan-out of committed twin changes to GraphQL subscriptions. One twins process
 * serves its own subscribers; several replicas would fan out through Redis pub/sub instead.
 */
export class TwinEvents {
  private readonly emitter = new EventEmitter({ captureRejections: true });

  constructor() {
    // Every live subscription listens; the default warning at 10 listeners would be noise.
    this.emitter.setMaxListeners(0);
  }

  publish(event: TankTwinChanged): void {
    this.emitter.emit('tank', event);
  }

  /** Changes of the given tanks (all tanks of the tenant when `tankIds` is empty), until `signal` aborts. */
  async *tankChanges(tenantId: string, tankIds: readonly string[], signal: AbortSignal): AsyncGenerator<TankTwinChanged> {
    const wanted = new Set(tankIds);
    try {
      for await (const [event] of on(this.emitter, 'tank', { signal }) as AsyncIterable<[TankTwinChanged]>) {
        if (event.tenantId === tenantId && (wanted.size === 0 || wanted.has(event.tankId))) yield event;
      }
    } catch (err) {
      if ((err as Error).name !== 'AbortError') throw err;
    }
  }
}
