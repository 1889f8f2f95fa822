// Running a service as its own process (docker-compose); loads a database engine.
export * from './run-service';
export * from './node-flags';
export * from './start-domain-subgraph';
export * from './periodic';
export * from './domain-area';
export * from './table-follower';
