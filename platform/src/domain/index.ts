export * from './strapping';
export * from './metric-bounds';
