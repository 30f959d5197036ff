import type { RelationName } from '../../manifest/types';
import {
  dependentName,
  parseAcl,
  type DependentView,
  type DependentViewsSql,
} from '../dependent-views';

/** The quoting a dependent-view builder needs from its dialect. */
export interface QuotingDialect {
  quoteIdentifier(name: string): string;
  quoteString(value: string): string;
  renderRelation(rel: RelationName): string;
}

/**
 * Views read a table through rules (`pg_rewrite`) that depend on it (`pg_depend`); a view on
 * such a view depends on that view, so the walk is recursive. Each view keeps its greatest depth,
 * the order in which it can be recreated.
 */
const DEPENDENTS_CTE = `with recursive dependents(oid, depth) as (
  select r.ev_class, 1
  from pg_catalog.pg_depend d
  join pg_catalog.pg_rewrite r on r.oid = d.objid
  where d.classid = 'pg_catalog.pg_rewrite'::regclass
    and d.refclassid = 'pg_catalog.pg_class'::regclass
    and d.refobjid = (
      select c.oid
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relname = $2
    )
    and r.ev_class <> d.refobjid
  union
  select r.ev_class, dependents.depth + 1
  from dependents
  join pg_catalog.pg_depend d on d.refobjid = dependents.oid
  join pg_catalog.pg_rewrite r on r.oid = d.objid
  where d.classid = 'pg_catalog.pg_rewrite'::regclass
    and d.refclassid = 'pg_catalog.pg_class'::regclass
    and r.ev_class <> dependents.oid
),
deepest as (
  select oid, max(depth) as depth from dependents group by oid
)`;

/**
 * PostgreSQL: views and materialized views, with their options, grants, owner, comments (of the
 * view and its columns) and, for materialized views, indexes and whether they held data.
 */
export class PostgresDependentViews implements DependentViewsSql {
  readonly savepoints: boolean = true;
  /** Keys: tsmodel's advisory-lock namespace + 1 ('tsme'), then 0 — apart from run locks. */
  readonly serialize: string | undefined = 'select pg_catalog.pg_advisory_xact_lock(1953721701, 0)';

  constructor(protected readonly dialect: QuotingDialect) {}

  list(rel: RelationName): { sql: string; params: string[] } {
    const sql = `${DEPENDENTS_CTE}
select n.nspname as schema,
  c.relname as name,
  c.relkind as kind,
  deepest.depth,
  pg_catalog.pg_get_viewdef(c.oid) as definition,
  pg_catalog.pg_get_userbyid(c.relowner) as owner,
  coalesce(c.relacl::text[], '{}') as acl,
  coalesce(c.reloptions, '{}') as options,
  c.relispopulated as populated,
  pg_catalog.obj_description(c.oid, 'pg_class') as comment,
  array(
    select a.attname::text
    from pg_catalog.pg_attribute a
    where a.attrelid = c.oid and a.attnum > 0
      and pg_catalog.col_description(c.oid, a.attnum) is not null
    order by a.attnum
  ) as comment_columns,
  array(
    select pg_catalog.col_description(c.oid, a.attnum)
    from pg_catalog.pg_attribute a
    where a.attrelid = c.oid and a.attnum > 0
      and pg_catalog.col_description(c.oid, a.attnum) is not null
    order by a.attnum
  ) as column_comments,
  array(
    select pg_catalog.pg_get_indexdef(i.indexrelid)
    from pg_catalog.pg_index i
    where i.indrelid = c.oid
    order by i.indexrelid
  ) as indexes
from deepest
join pg_catalog.pg_class c on c.oid = deepest.oid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm')
order by deepest.depth, n.nspname, c.relname`;
    return { sql, params: [rel.schema, rel.identifier] };
  }

  fromRow(row: Record<string, unknown>): DependentView {
    const schema = String(row.schema);
    const name = String(row.name);
    const owner = String(row.owner);
    const commentColumns = strings(row.comment_columns);
    const columnComments = strings(row.column_comments);
    return {
      schema,
      name,
      kind: row.kind === 'm' ? 'materialized view' : 'view',
      definition: String(row.definition),
      owner,
      options: strings(row.options),
      grants: parseAcl(aclEntries(row.acl), owner, dependentName({ schema, name })),
      comment: row.comment === null || row.comment === undefined ? null : String(row.comment),
      columnComments: commentColumns.map((column, i) => ({ column, comment: columnComments[i]! })),
      indexes: strings(row.indexes),
      populated: row.populated !== false,
      depth: Number(row.depth),
    };
  }

  drop(view: DependentView): string {
    return `drop ${view.kind} ${this.name(view)}`;
  }

  recreate(view: DependentView): string[] {
    const name = this.name(view);
    const options = view.options.length > 0 ? ` with (${view.options.join(', ')})` : '';
    const query = view.definition.trim().replace(/;$/, '');
    const create =
      view.kind === 'view'
        ? `create view ${name}${options} as\n${query}`
        : `create materialized view ${name}${options} as\n${query}\nwith ${view.populated ? '' : 'no '}data`;
    return [
      create,
      ...view.indexes,
      ...view.grants.map(
        (g) =>
          `grant ${g.privileges.join(', ')} on ${name} to ${this.grantee(g.grantee)}${g.grantable ? ' with grant option' : ''}`,
      ),
      ...(view.comment === null
        ? []
        : [`comment on ${view.kind} ${name} is ${this.dialect.quoteString(view.comment)}`]),
      ...view.columnComments.map(
        (c) =>
          `comment on column ${name}.${this.dialect.quoteIdentifier(c.column)} is ${this.dialect.quoteString(c.comment)}`,
      ),
      `alter ${view.kind} ${name} owner to ${this.dialect.quoteIdentifier(view.owner)}`,
    ];
  }

  protected grantee(grantee: string): string {
    return grantee === 'PUBLIC' ? 'public' : this.dialect.quoteIdentifier(grantee);
  }

  protected name(view: DependentView): string {
    return this.dialect.renderRelation({ schema: view.schema, identifier: view.name });
  }
}

/**
 * Redshift: ordinary views only (late-binding views, `with no schema binding`, have no
 * dependency and survive a swap on their own). Its catalog has no `reloptions`,
 * `relispopulated`, array constructors or `aclitem[]` casts, so the ACL comes as one
 * comma-separated string and column comments are not kept. No savepoints either.
 */
export class RedshiftDependentViews extends PostgresDependentViews {
  readonly savepoints = false;
  /** Redshift has no advisory locks. */
  readonly serialize = undefined;

  list(rel: RelationName): { sql: string; params: string[] } {
    const sql = `${DEPENDENTS_CTE}
select n.nspname as schema,
  c.relname as name,
  c.relkind as kind,
  deepest.depth,
  pg_catalog.pg_get_viewdef(c.oid) as definition,
  pg_catalog.pg_get_userbyid(c.relowner) as owner,
  coalesce(pg_catalog.array_to_string(c.relacl, ','), '') as acl,
  pg_catalog.obj_description(c.oid, 'pg_class') as comment
from deepest
join pg_catalog.pg_class c on c.oid = deepest.oid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'v'
order by deepest.depth, n.nspname, c.relname`;
    return { sql, params: [rel.schema, rel.identifier] };
  }

  /** Redshift grants to groups as `group name`; the keyword stays outside the quotes. */
  protected grantee(grantee: string): string {
    const group = /^group (.+)$/.exec(grantee);
    return group ? `group ${this.dialect.quoteIdentifier(group[1]!)}` : super.grantee(grantee);
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** `text[]` from PostgreSQL, or Redshift's comma-joined string. */
function aclEntries(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '' ? value.split(',') : [];
}
