import { counter, gauge } from '@hearth/platform';

/** The gateway's own Prometheus metrics, on the process-wide registry behind /metrics. */
export const gatewayMetrics = {
  droppedEvents: counter(
    'hearth_gateway_subscription_events_dropped_total',
    'Subscription events dropped (oldest first) because a subscriber fell more than the buffer limit behind.',
    ['subgraph'],
  ),
  upstreamSubscriptions: gauge('hearth_gateway_upstream_subscriptions', 'Subscriptions the gateway holds open on subgraphs, after deduplication.'),
  clientSubscriptions: gauge('hearth_gateway_client_subscriptions', 'Client subscriptions the gateway serves over graphql-ws.'),
};
