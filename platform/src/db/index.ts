export * from './database';
export * from './embedded-database';
export * from './server-database';
export * from './open-database';
export * from './migrate';
export * from './job-scheduler';
export * from './mutex';
export * from './typeorm-data-source';
