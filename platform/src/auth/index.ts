export * from './scopes';
export * from './signed-context';
