import { describe, expect, it } from 'vitest';
import { duckdbCatalogName } from './duckdb-catalog-name';

// Each expectation is what DuckDB 1.5's current_database() says after opening that path.
describe('duckdbCatalogName', () => {
  it('is memory for an in-memory database', () => {
    expect(duckdbCatalogName(':memory:')).toBe('memory');
    expect(duckdbCatalogName('')).toBe('memory');
    expect(duckdbCatalogName(undefined)).toBe('memory');
  });

  it('is the file name up to its first dot, spelled as written', () => {
    expect(duckdbCatalogName('/data/dev.duckdb')).toBe('dev');
    expect(duckdbCatalogName('/data/a.b.duckdb')).toBe('a');
    expect(duckdbCatalogName('/data/.hidden.duckdb')).toBe('hidden');
    expect(duckdbCatalogName('/data/dir.x/noext')).toBe('noext');
    expect(duckdbCatalogName('rel/Mixed-Case.db')).toBe('Mixed-Case');
    expect(duckdbCatalogName('C:\\data\\win.duckdb')).toBe('win');
  });

  it("appends _db to DuckDB's own catalog names", () => {
    expect(duckdbCatalogName('/data/main.duckdb')).toBe('main_db');
    expect(duckdbCatalogName('/data/temp.duckdb')).toBe('temp_db');
    expect(duckdbCatalogName('/data/system.duckdb')).toBe('system_db');
    expect(duckdbCatalogName('/data/Main.duckdb')).toBe('Main');
  });
});
