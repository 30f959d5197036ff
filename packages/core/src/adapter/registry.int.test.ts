import { describe, expect, it } from 'vitest';
import { TsmodelError } from '../diagnostics';
import { loadAdapter, supportedAdapterTypes } from './registry';
import { duckdbDialect } from './dialects/duckdb';

describe('loadAdapter', () => {
  it('loads the duckdb adapter lazily', async () => {
    const factory = await loadAdapter('duckdb');
    expect(factory.type).toBe('duckdb');
    expect(supportedAdapterTypes()).toContain('duckdb');
  });

  it('names the supported types for an unknown one', async () => {
    const error = await loadAdapter('duckbd').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TsmodelError);
    expect((error as TsmodelError).code).toBe('unknown-adapter');
    expect((error as TsmodelError).hint).toContain("did you mean 'duckdb'");
  });
});

describe('SqlDialect quoting', () => {
  it('escapes quotes in identifiers and strings, and skips a missing database', () => {
    expect(duckdbDialect.renderRelation({ schema: 'a"b', identifier: 't' })).toBe('"a""b"."t"');
    expect(duckdbDialect.quoteString("it's")).toBe("'it''s'");
  });
});

describe('loadAdapter for warehouses', () => {
  it('loads postgres, and redshift through the postgres driver with its own dialect', async () => {
    expect((await loadAdapter('postgres')).type).toBe('postgres');
    const redshift = await loadAdapter('redshift');
    expect(redshift.type).toBe('redshift');
    expect(redshift.parentType).toBe('postgres');
  });

  it('says the snowflake driver is not built yet', async () => {
    const error = await loadAdapter('snowflake').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TsmodelError);
    expect((error as TsmodelError).message).toContain('snowflake driver is not built yet');
  });
});
