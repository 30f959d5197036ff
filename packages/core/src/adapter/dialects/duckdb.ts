import type { CsvSource, DialectCapabilities } from '../dialect';
import { SqlDialect } from '../sql-dialect';

/**
 * DuckDB: transactional DDL, atomic `create or replace`, MERGE since 1.4. It lives in core
 * (pure, no driver) so `compile` and the golden plan tests need no native module; the driver
 * is in `@tsmodel/adapter-duckdb`.
 */
export class DuckDBDialect extends SqlDialect {
  readonly type = 'duckdb';
  readonly capabilities: DialectCapabilities = {
    transactionalDdl: true,
    atomicCreateOrReplaceTable: true,
    createOrReplaceView: true,
    merge: true,
    renameAcrossSchemas: false,
    // DuckDB matches unquoted names case-insensitively and keeps the spelling it was given.
    identifierCase: 'preserve',
    maxIdentifierLength: 255,
  };

  /**
   * `read_csv` with the options spelled out (header, delimiter, RFC 4180 quoting) so a stray
   * sniff never changes how a seed is parsed; types are still auto-detected per column, and
   * `column_types` pins the ones the user named. Unquoted empty fields load as NULL.
   */
  readCsv(csv: CsvSource): string {
    const options = [
      'header = true',
      `delim = ${this.quoteString(csv.delimiter)}`,
      `quote = '"'`,
      `escape = '"'`,
      'auto_detect = true',
    ];
    const typed = Object.entries(csv.columnTypes);
    if (typed.length > 0) {
      const struct = typed.map(
        ([name, type]) => `${this.quoteString(name)}: ${this.quoteString(type)}`,
      );
      options.push(`types = {${struct.join(', ')}}`);
    }
    return `read_csv(${this.quoteString(csv.path)}, ${options.join(', ')})`;
  }
}

export const duckdbDialect = new DuckDBDialect();
