import type { Logger } from '@hearth/platform';
import type { Session, Sessions } from './sessions';
import type { DeviceRegistry } from './types';

/** setTimeout's largest delay (2^31 − 1 ms, about 24.8 days); longer waits are re-armed. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Ends connections whose secret stopped being valid: a rotated secret at the end of its grace
 * period, or any secret of a gateway whose secrets changed again or that was removed. The
 * registry announces gateway changes; each open connection of that gateway is re-checked.
 */
export class CredentialWatch {
  private readonly timers = new WeakMap<Session, NodeJS.Timeout>();
  private readonly unsubscribe?: () => void;

  constructor(
    private readonly registry: DeviceRegistry,
    private readonly sessions: Sessions,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = registry.onGatewayChange?.((gatewayId) => void this.recheck(gatewayId));
  }

  /** A connection was accepted: end it when its secret expires. */
  opened(session: Session): void {
    if (session.validUntil) this.endAt(session, session.validUntil);
  }

  async recheck(gatewayId: string): Promise<void> {
    if (!this.registry.credentialStanding) return;
    for (const session of this.sessions.ofGateway(gatewayId)) {
      try {
        const standing = await this.registry.credentialStanding(gatewayId, session.credential);
        if (!standing.valid) this.end(session, 'its secret was replaced or the gateway removed');
        else if (standing.validUntil) this.endAt(session, standing.validUntil);
      } catch (err) {
        // The registry could not answer: keep the connection; the next change or its expiry decides.
        this.logger.warn({ err, gatewayId }, 'could not re-check a gateway connection');
      }
    }
  }

  close(): void {
    this.unsubscribe?.();
  }

  private endAt(session: Session, at: Date): void {
    clearTimeout(this.timers.get(session));
    const wait = at.getTime() - Date.now();
    if (wait <= 0) return this.end(session, 'the grace period of its secret ended');
    const timer = setTimeout(() => this.endAt(session, at), Math.min(wait, MAX_TIMER_MS));
    timer.unref();
    this.timers.set(session, timer);
    session.client.conn?.once('close', () => clearTimeout(timer));
  }

  private end(session: Session, why: string): void {
    clearTimeout(this.timers.get(session));
    if (session.client.closed) return;
    this.logger.info({ gatewayId: session.gatewayId, clientId: session.client.id, why }, 'closing a gateway connection');
    session.client.close();
  }
}
