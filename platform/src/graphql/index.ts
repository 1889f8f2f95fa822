export * from './apollo-http-handler';
export * from './build-subgraph-schema';
export * from './format-error';
export * from './subgraph-server';
export * from './connection';
export * from './validate-input';
export * from './request-loader';
export * from './subgraph-scope';
