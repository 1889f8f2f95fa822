// Bulk imports: a CSV or JSON file read into rows of a service's columns, every problem listed by
// row, all or nothing; and the GraphQL types every import returns.
export * from './csv';
export * from './import-rows';
export * from './import-result';
export * from './import.types';
