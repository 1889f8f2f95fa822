/**
 * State of the live (graphql-ws) connection, shared by the header indicator and the pages.
 * A module-level $state object so any component can read it without prop drilling; only
 * client.ts writes to it.
 */
export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

export const live = $state({
  status: 'idle' as LiveStatus,
  /** Counts successful connections. */
  connections: 0,
  /** Counts reconnections after the socket was lost; pages refetch when it goes up. */
  recoveries: 0,
  /** Why the last connection attempt or socket ended, if it did. */
  lastError: null as string | null,
});
