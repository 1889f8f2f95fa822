// Core: config, logging, errors, HTTP and metrics. Database, GraphQL and domain helpers
// live behind their own entry points so the edge bridge does not load a database engine.
export * from './config/load-config';
export * from './logging/logger';
export * from './logging/lazy-child-logger';
export * from './errors/error-codes';
export * from './errors/hearth-error';
export * from './errors/error-docs';
export * from './http/http-server';
export * from './http/metrics';
export * from './http/metrics-server';
export * from './context/caller-context';
export * from './context/tenancy';
export * from './auth';
export * from './http/free-port';
export * from './topology/subgraphs';
export * from './rate/token-buckets';
