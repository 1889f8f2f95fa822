import { describe, expect, it } from 'vitest';
import { isUndefinedTable, isUniqueViolation } from './database';

describe('isUniqueViolation', () => {
  it('knows a unique-key clash as the driver raised it, and as TypeORM wrapped it', () => {
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation({ code: 'XX000', driverError: { code: '23505' } })).toBe(true);
    expect(isUniqueViolation({ code: '23503', driverError: { code: '23503' } })).toBe(false);
    expect(isUniqueViolation(new Error('23505'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});

describe('isUndefinedTable', () => {
  it('knows a table or view another service has not made yet', () => {
    expect(isUndefinedTable({ code: '42P01' })).toBe(true);
    expect(isUndefinedTable({ code: '42703' })).toBe(false);
    expect(isUndefinedTable(undefined)).toBe(false);
  });
});
