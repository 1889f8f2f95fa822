// Personal data of customers: encrypted at rest, masked by default, found by blind indexes.
export * from './pii-keys';
export * from './pii-protector';
export * from './normalize-pii';
export * from './pii-problems';
export * from './mask-pii';
export * from './load-pii-keys';
