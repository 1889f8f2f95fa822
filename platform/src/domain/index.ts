export * from './strapping';
export * from './metric-bounds';
export * from './cylinder-lifecycle';
