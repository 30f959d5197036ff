import type { RelationName } from '../../manifest/types';
import type { DialectCapabilities, RelationKind } from '../dialect';
import type { DependentViewsSql } from '../dependent-views';
import { SqlDialect } from '../sql-dialect';
import { postgresContractRules, type ContractRules } from '../../contracts/contract-rules';
import { PostgresDependentViews } from './postgres-dependent-views';
import { PostgresGrants } from './postgres-grants';
import type { GrantsSql } from '../../materializations/grants';

/** The first PostgreSQL release with `MERGE` (`server_version_num`). */
export const POSTGRES_MERGE_VERSION = 150000;

export interface PostgresDialectOptions {
  /**
   * Whether the server has `MERGE` (PostgreSQL ≥ 15). The dialect is pure and cannot ask; the
   * adapter learns `server_version_num` on connect (see `adoptServerVersion`).
   */
  merge?: boolean;
}

/**
 * PostgreSQL: DDL is transactional, so every rebuild is a tmp + rename swap inside one
 * transaction (readers see the old relation until COMMIT; a failure rolls back to it). There is
 * no `create or replace table`, and `create or replace view` fails when a column is renamed,
 * retyped or removed, so views are swapped too. Unquoted names fold to lower case and are cut
 * at 63 bytes.
 */
export class PostgresDialect extends SqlDialect {
  readonly type: string = 'postgres';
  readonly contracts: ContractRules = postgresContractRules;
  readonly capabilities: DialectCapabilities;
  readonly dependentViews: DependentViewsSql = new PostgresDependentViews(this);
  readonly grants: GrantsSql | undefined = new PostgresGrants(this);

  constructor(options: PostgresDialectOptions = {}) {
    super();
    this.capabilities = {
      transactionalDdl: true,
      atomicCreateOrReplaceTable: false,
      createOrReplaceView: false,
      merge: options.merge ?? true,
      renameAcrossSchemas: false,
      identifierCase: 'lower',
      maxIdentifierLength: 63,
      subqueryNeedsAlias: true,
      schemaScopedConstraintNames: true,
    };
  }

  /**
   * Called by the adapter once it knows `server_version_num`: MERGE exists from PostgreSQL 15.
   * It changes this instance, which the adapter owns (never the shared `postgresDialect`), so
   * every plan made after connecting — the runner keeps the adapter's dialect — sees the
   * server's real capabilities and a `merge` strategy on PostgreSQL 14 fails with a hint.
   */
  adoptServerVersion(versionNum: number): void {
    this.capabilities.merge = versionNum >= POSTGRES_MERGE_VERSION;
  }

  /** `create schema` takes no database part (a session only sees its own database). */
  createSchemaIfNotExists(rel: Pick<RelationName, 'database' | 'schema'>): string {
    return super.createSchemaIfNotExists({ schema: rel.schema });
  }

  /** dbt-postgres' `snapshot_get_time`: the transaction's clock, without time zone. */
  snapshotTime(): string {
    return 'now()::timestamp without time zone';
  }

  /**
   * `cascade`, as dbt-postgres does, for whatever still depends on a relation once the runner
   * has saved and detached its dependent views (`dependentViews`, recreated in the swap).
   */
  dropRelation(kind: RelationKind, rel: RelationName, ifExists: boolean): string {
    return `${super.dropRelation(kind, rel, ifExists)} cascade`;
  }
}

export const postgresDialect = new PostgresDialect();
