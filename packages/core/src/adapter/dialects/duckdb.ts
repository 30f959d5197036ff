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
    subqueryNeedsAlias: false,
  };

  /** DuckDB keeps a name's spelling but matches names without case: `Orders` is `orders`. */
  identifierKey(name: string): string {
    return super.identifierKey(name.toLowerCase());
  }

  /** dbt-duckdb's `snapshot_get_time`: the local clock, without time zone. */
  snapshotTime(): string {
    return 'now()::timestamp';
  }

  /**
   * `read_csv` with every option that could drop, pad or rename rows spelled out, so no sniff
   * decides them: the header core checked (`names`), no skipped lead rows, no comment lines,
   * strict RFC 4180 quoting, no NULL-padding of short rows and no skipping of bad ones. Types
   * are still auto-detected, over every row (`sample_size = -1`), and `column_types` pins the
   * ones the user named. Unquoted empty fields load as NULL.
   */
  readCsv(csv: CsvSource): string {
    const options = [
      'header = true',
      `names = [${csv.columns.map((c) => this.quoteString(c)).join(', ')}]`,
      `delim = ${this.quoteString(csv.delimiter)}`,
      `quote = '"'`,
      `escape = '"'`,
      'skip = 0',
      "comment = ''",
      'strict_mode = true',
      'null_padding = false',
      'ignore_errors = false',
      'auto_detect = true',
      'sample_size = -1',
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
