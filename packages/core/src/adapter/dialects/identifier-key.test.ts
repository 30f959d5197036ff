import { describe, expect, it } from 'vitest';
import { duckdbDialect } from './duckdb';
import { postgresDialect } from './postgres';
import { redshiftDialect } from './redshift';

describe('Dialect.identifierKey: the name the engine ends up with', () => {
  it('PostgreSQL folds case and keeps 63 bytes, never half a character', () => {
    expect(postgresDialect.identifierKey('Orders')).toBe('orders');
    expect(postgresDialect.identifierKey(`${'a'.repeat(63)}_v2`)).toBe('a'.repeat(63));
    // 31 two-byte characters are 62 bytes; the 32nd would straddle the limit.
    expect(postgresDialect.identifierKey('é'.repeat(40))).toBe('é'.repeat(31));
  });

  it('Redshift keeps 127 bytes', () => {
    expect(redshiftDialect.identifierKey(`${'b'.repeat(127)}_x`)).toBe('b'.repeat(127));
    expect(redshiftDialect.identifierKey('b'.repeat(100))).toBe('b'.repeat(100));
  });

  it('DuckDB matches names without case', () => {
    expect(duckdbDialect.identifierKey('Orders')).toBe(duckdbDialect.identifierKey('ORDERS'));
  });
});
