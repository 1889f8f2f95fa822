import { counter, HearthError } from '@hearth/platform';

/** How many subscriptions one graphql-ws connection, and one user or API key across all of them, may hold. */
export interface SubscriptionLimitSettings {
  perConnection: number;
  perPrincipal: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimitSettings = { perConnection: 100, perPrincipal: 200 };

const refusals = counter(
  'hearth_gateway_subscriptions_refused_total',
  'Client subscriptions refused because the connection or the user or API key held the most allowed (GATEWAY_MAX_SUBSCRIPTIONS_PER_*), by limit.',
  ['limit'],
);

/** The subscriptions one connection holds: a release function per graphql-ws operation id. */
export type ConnectionSubscriptions = Map<string, () => void>;

/**
 * Subscriptions held per connection and per principal, on this gateway instance. A subscription
 * costs the gateway work for every event of every entity it watches, so a caller gets a bounded
 * number of them: one subscription already watches up to 1,000 tanks.
 */
export class SubscriptionLimits {
  private readonly perPrincipal = new Map<string, number>();
  private readonly settings: SubscriptionLimitSettings;

  constructor(settings: Partial<SubscriptionLimitSettings> = {}) {
    this.settings = {
      perConnection: settings.perConnection ?? DEFAULT_SUBSCRIPTION_LIMITS.perConnection,
      perPrincipal: settings.perPrincipal ?? DEFAULT_SUBSCRIPTION_LIMITS.perPrincipal,
    };
  }

  /** Takes a place for operation `id`, or the refusal to send. `principal` is undefined for anonymous callers. */
  reserve(held: ConnectionSubscriptions, id: string, principal: string | undefined): HearthError | undefined {
    const { perConnection, perPrincipal } = this.settings;
    if (held.size >= perConnection) return this.refuse('connection', perConnection);
    const used = principal === undefined ? 0 : (this.perPrincipal.get(principal) ?? 0);
    if (principal !== undefined && used >= perPrincipal) return this.refuse('principal', perPrincipal);
    if (principal !== undefined) this.perPrincipal.set(principal, used + 1);
    held.set(id, () => {
      held.delete(id);
      if (principal === undefined) return;
      const left = (this.perPrincipal.get(principal) ?? 1) - 1;
      if (left > 0) this.perPrincipal.set(principal, left);
      else this.perPrincipal.delete(principal);
    });
    return undefined;
  }

  /** Gives the place of operation `id` back (it completed, or the client stopped it). */
  release(held: ConnectionSubscriptions, id: string): void {
    held.get(id)?.();
  }

  /** The connection closed: every place it held goes back. */
  releaseAll(held: ConnectionSubscriptions): void {
    for (const release of [...held.values()]) release();
  }

  private refuse(limit: 'connection' | 'principal', max: number): HearthError {
    refusals.inc({ limit });
    const who = limit === 'connection' ? 'This connection' : 'This user or API key';
    return new HearthError(
      'TOO_MANY_SUBSCRIPTIONS',
      `${who} already holds ${max} subscriptions, the most allowed. Complete one first, or watch several entities with one subscription.`,
      { limit, max },
    );
  }
}
