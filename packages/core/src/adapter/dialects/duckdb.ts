import type { CsvSource, DialectCapabilities } from '../dialect';
import { SqlDialect } from '../sql-dialect';
import { duckdbContractRules, type ContractRules } from '../../contracts/contract-rules';

/**
 * DuckDB: transactional DDL, atomic `create or replace`, MERGE since 1.4. It lives in core
 * (pure, no driver) so `compile` and the golden plan tests need no native module; the driver
 * is in `@tsmodel/adapter-duckdb`.
 */
export class DuckDBDialect extends SqlDialect {
  readonly type = 'duckdb';
  readonly contracts: ContractRules = duckdbContractRules;
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
   * ones the user named (see {@link seedColumnType}). Unquoted empty fields load as NULL.
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
        ([name, type]) =>
          `${this.quoteString(name)}: ${this.quoteString(duckdbSeedColumnType(type))}`,
      );
      options.push(`types = {${struct.join(', ')}}`);
    }
    return `read_csv(${this.quoteString(csv.path)}, ${options.join(', ')})`;
  }
}

/**
 * A seed's `column_types` entry as DuckDB should read it. A bare `float` is 8 bytes on
 * PostgreSQL, Redshift, Snowflake and BigQuery (and `dbt.type_float()` is `double` here), but
 * DuckDB's FLOAT is 4 bytes: 68.6029434 and 68.6029435 load as one value, and casts from it to
 * decimal drift (100000 → 99999.997952). So `float` loads as `double`, the type a portable
 * project means; `real`/`float4` still ask for 4 bytes, and every other type passes as written.
 */
export function duckdbSeedColumnType(type: string): string {
  return /^\s*float\s*$/i.test(type) ? 'double' : type;
}

export const duckdbDialect = new DuckDBDialect();
