/**
 * The one list of the subgraphs the gateway composes (its own `identity` subgraph aside): the
 * gateway's defaults, the embedded stack and docker-compose derive from it or are checked
 * against it (`subgraphs.test.ts`). A new domain adds its line here.
 */
export const SUBGRAPHS = [
  { name: 'tanks', service: 'tanks', port: 4001, live: false },
  // The twins service serves two subgraphs: live twins, and fleet provisioning on a port of its own.
  { name: 'twins', service: 'twins', port: 4002, live: true },
  { name: 'fleet', service: 'twins', port: 4003, live: true },
  { name: 'customers', service: 'customers', port: 4004, live: false },
  { name: 'cylinders', service: 'cylinders', port: 4005, live: false },
  { name: 'fueling', service: 'fueling', port: 4006, live: false },
  { name: 'metering', service: 'metering', port: 4007, live: false },
] as const satisfies readonly SubgraphPlace[];

interface SubgraphPlace {
  name: string;
  /** The process (and docker-compose service) that serves it. */
  service: string;
  /** Its default port. */
  port: number;
  /** Its entity fields change with telemetry: the gateway never caches them for live events. */
  live: boolean;
}

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** `name=url,…` as the gateway's SUBGRAPH_URLS takes it, each service reached at `host(service)`. */
export const subgraphUrlsFor = (host: (service: string) => string): string =>
  SUBGRAPHS.map((s) => `${s.name}=http://${host(s.service)}:${s.port}/graphql`).join(',');

/** The subgraphs whose fields move with telemetry. */
export const liveSubgraphNames = (): string[] => SUBGRAPHS.filter((s) => s.live).map((s) => s.name);

/** The gateway's subgraph list from each subgraph's URL: the compiler asks for every one. */
export const subgraphsAt = (urls: Record<SubgraphName, string>): { name: SubgraphName; url: string }[] =>
  SUBGRAPHS.map((s) => ({ name: s.name, url: urls[s.name] }));

/** A subgraph's default port. */
export const subgraphPort = (name: SubgraphName): number => SUBGRAPHS.find((s) => s.name === name)!.port;
