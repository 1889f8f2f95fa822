import { counter, gauge, histogram } from '@hearth/platform';

/** The gateway's own Prometheus metrics, on the process-wide registry behind /metrics. */
export const gatewayMetrics = {
  droppedEvents: counter(
    'hearth_gateway_subscription_events_dropped_total',
    'Subscription events dropped because a subscriber had events of more entities waiting than its limit (GATEWAY_SUBSCRIPTION_BUFFER).',
    ['subgraph'],
  ),
  replacedEvents: counter(
    'hearth_gateway_subscription_events_replaced_total',
    'Waiting subscription events replaced by a newer event of the same entity before their subscriber took them.',
    ['subgraph'],
  ),
  upstreamSubscriptions: gauge('hearth_gateway_upstream_subscriptions', 'Subscriptions the gateway holds open on subgraphs, after deduplication.'),
  clientSubscriptions: gauge('hearth_gateway_client_subscriptions', 'Client subscriptions the gateway serves over graphql-ws.'),
  entityFetches: counter('hearth_gateway_event_entity_fetches_total', 'Batched `_entities` requests sent to complete subscription events.', ['subgraph']),
  entityBatchSize: histogram(
    'hearth_gateway_event_entity_batch_size',
    'Representations per batched `_entities` request of subscription events.',
    ['subgraph'],
    [1, 10, 50, 200, 1000],
  ),
  entityCacheLookups: counter(
    'hearth_gateway_event_entity_cache_lookups_total',
    'Entities of subscription events looked up in the gateway cache, by result (hit, miss).',
    ['subgraph', 'result'],
  ),
  loginRefusals: counter(
    'hearth_gateway_login_refusals_total',
    'Logins refused, by reason (busy: too many being checked; address, email: too many failures; hashing-busy: the hashing queue was full; locked; invalid-credentials).',
    ['reason'],
  ),
  rateLimitLocalChecks: counter(
    'hearth_gateway_rate_limit_local_checks_total',
    'Rate-limit checks answered by this instance alone because Redis (REDIS_URL) could not be reached, by limiter (api-key, login-address, login-email).',
    ['limiter'],
  ),
};
