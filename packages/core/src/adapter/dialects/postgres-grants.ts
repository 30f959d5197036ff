import type { RelationName } from '../../manifest/types';
import type { GrantsSql } from '../../materializations/grants';

/**
 * dbt-postgres' grant macros: the grants the current role gave on a relation, read from
 * `information_schema.role_table_grants` (dbt's `postgres__get_show_grant_sql`), and
 * `grant`/`revoke` with every grantee of a privilege in one statement, grantees as written.
 */
export class PostgresGrants implements GrantsSql {
  constructor(
    private readonly dialect: {
      renderRelation(rel: RelationName): string;
      quoteString(value: string): string;
    },
  ) {}

  showGrants(rel: RelationName): string {
    return [
      'select grantee, privilege_type',
      'from information_schema.role_table_grants',
      'where grantor = current_role',
      '  and grantee != current_role',
      `  and table_schema = ${this.dialect.quoteString(rel.schema)}`,
      `  and table_name = ${this.dialect.quoteString(rel.identifier)}`,
    ].join('\n');
  }

  grant(privilege: string, rel: RelationName, grantees: readonly string[]): string {
    return `grant ${privilege} on ${this.dialect.renderRelation(rel)} to ${grantees.join(', ')}`;
  }

  revoke(privilege: string, rel: RelationName, grantees: readonly string[]): string {
    return `revoke ${privilege} on ${this.dialect.renderRelation(rel)} from ${grantees.join(', ')}`;
  }
}
