export * from './scopes';
export * from './signed-context';
export * from './secret-hash';
export * from './hashing-limiter';
