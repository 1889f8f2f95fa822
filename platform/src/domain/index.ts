export * from './strapping';
export * from './metric-bounds';
export * from './cylinder-lifecycle';
export * from './fuel-pump-states';
export * from './fuel-card-rules';
export * from './fuel-card-periods';
export * from './fuel-sale-checks';
export * from './fuel-prices';
