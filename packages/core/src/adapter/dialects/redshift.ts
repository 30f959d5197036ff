import type { RelationName } from '../../manifest/types';
import { redshiftContractRules, type ContractRules } from '../../contracts/contract-rules';
import type {
  ColumnDef,
  DialectCapabilities,
  IncrementalStatementInput,
  SeedColumn,
} from '../dialect';
import { DEST_ALIAS } from '../sql-dialect';
import type { DependentViewsSql } from '../dependent-views';
import { PostgresDialect } from './postgres';
import { RedshiftDependentViews } from './postgres-dependent-views';
import type { GrantsSql } from '../../materializations/grants';

/** Text types whose Redshift default length is 256 bytes; columns copied with them would truncate. */
const UNBOUNDED_TEXT = /^(character varying|varchar|text|character|char|bpchar)$/i;

/**
 * Redshift, a descendant of Postgres 8 (dbt dispatch: redshift → postgres → default). It keeps
 * Postgres' transactional swaps and overrides only what differs: DELETE and MERGE cannot alias
 * the target (dbt-redshift repeats the full name), a MERGE must have a `when matched` clause,
 * text columns need an explicit length, `alter column … type` only widens varchars, backslash
 * escapes inside string literals, and identifiers reach 127 bytes.
 */
export class RedshiftDialect extends PostgresDialect {
  readonly type: string = 'redshift';
  readonly contracts: ContractRules = redshiftContractRules;
  readonly parentType = 'postgres';
  readonly dependentViews: DependentViewsSql = new RedshiftDependentViews(this);
  /** Redshift has no `role_table_grants` (dbt-redshift reads `has_table_privilege`): not applied yet. */
  readonly grants: GrantsSql | undefined = undefined;
  readonly capabilities: DialectCapabilities = {
    transactionalDdl: true,
    atomicCreateOrReplaceTable: false,
    createOrReplaceView: false,
    merge: true,
    renameAcrossSchemas: false,
    identifierCase: 'lower',
    maxIdentifierLength: 127,
    subqueryNeedsAlias: true,
  };

  /** `comment on column` of a view fails on Redshift; dbt-redshift writes only the view's own. */
  readonly viewColumnComments = false;

  /** Redshift's version numbers are not Postgres', and every cluster has MERGE. */
  adoptServerVersion(): void {}

  /** dbt-redshift's `snapshot_get_time`. */
  snapshotTime(): string {
    return 'getdate()::timestamp';
  }

  /** Redshift (like Postgres 8 without standard_conforming_strings) reads `\` as an escape. */
  quoteString(value: string): string {
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  }

  /** dbt-redshift: `varchar(<longest value in bytes>)`, 64 when the column is all NULL. */
  seedColumnType(column: SeedColumn): string {
    if (column.kind === 'text') return `varchar(${column.maxBytes || 64})`;
    return super.seedColumnType(column);
  }

  /** An unbounded text type from the catalog would become varchar(256) here: use varchar(max). */
  addColumns(rel: RelationName, columns: ColumnDef[]): string[] {
    return super.addColumns(rel, columns.map(boundedText));
  }

  /**
   * dbt-redshift's `alter_column_type`: Redshift only alters varchar lengths in place, so the
   * column is rebuilt — add a tmp column, copy with a cast, drop the old, rename — all inside
   * the apply transaction.
   */
  alterColumnTypes(rel: RelationName, columns: ColumnDef[]): string[] {
    const table = this.renderRelation(rel);
    return columns.map(boundedText).flatMap((c) => {
      const column = this.quoteIdentifier(c.name);
      const tmp = this.quoteIdentifier(`${c.name}__tsmodel_tmp`);
      return [
        `alter table ${table} add column ${tmp} ${c.dataType}`,
        `update ${table} set ${tmp} = ${column}`,
        `alter table ${table} drop column ${column} cascade`,
        `alter table ${table} rename column ${tmp} to ${column}`,
      ];
    });
  }

  /** dbt-redshift's microbatch predicates: `TIMESTAMP '2024-01-01 00:00:00+00:00'`. */
  timeLiteral(t: Date): string {
    return `timestamp ${super.timeLiteral(t)}`;
  }

  protected targetClause(target: RelationName): string {
    return this.renderRelation(target);
  }

  protected targetRef(target: RelationName): string {
    return this.renderRelation(target);
  }

  /** Predicates are written against `DBT_INTERNAL_DEST`; without an alias that is the full name. */
  protected destPredicates(input: IncrementalStatementInput): string[] {
    const target = this.renderRelation(input.target);
    return super
      .destPredicates(input)
      .map((p) => p.replace(new RegExp(`\\b${DEST_ALIAS}\\.`, 'gi'), `${target}.`));
  }

  /** Redshift rejects a MERGE without `when matched`; with only key columns, set the keys. */
  protected mergeUpdateColumns(input: IncrementalStatementInput): string[] {
    const updates = super.mergeUpdateColumns(input);
    return updates.length > 0 ? updates : input.uniqueKey;
  }
}

function boundedText(column: ColumnDef): ColumnDef {
  return UNBOUNDED_TEXT.test(column.dataType.trim())
    ? { ...column, dataType: 'varchar(max)' }
    : column;
}

export const redshiftDialect = new RedshiftDialect();
