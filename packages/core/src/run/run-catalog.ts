import type { Adapter } from '../adapter/adapter';
import type { Connection } from '../adapter/connection';
import type { ColumnDef, Dialect, RelationKind } from '../adapter/dialect';
import type { Introspector } from '../adapter/introspector';
import type { RelationName } from '../manifest/types';
import type { RelationPath } from '../templating/dbt-relation';
import type { WarehouseRequest } from '../templating/render-warehouse';

/** Requests about what exists, which the catalog answers from memory once it has asked. */
const CATALOG_OPS = new Set<WarehouseRequest['op']>(['relations', 'columns', 'schemas']);

/**
 * What templates learn about the warehouse during one run (`adapter.get_relation`,
 * `get_columns_in_relation`, `list_schemas`), asked once and kept: a hundred models calling
 * `dbt_utils.star(ref(…))` on one schema cost one catalog query (`describeSchema`), not a
 * hundred. Anything that may change
 * what exists — a node building its relation, a template dropping one or sending its own DDL —
 * forgets the affected part, so no answer is stale.
 */
export class RunCatalog {
  private readonly answers = new Map<string, unknown>();
  /** Columns of every relation of a schema, from one `describeSchema` read (folded names). */
  private readonly described = new Map<string, Map<string, ColumnDef[]>>();
  /**
   * Relations built since their schema was described → the change count when they were:
   * their columns are read again alone. Threads build while others read the catalog, so an
   * answer is only kept for what did not change while it was in flight.
   */
  private readonly stale = new Map<string, number>();
  private changes = 0;

  private readonly dialect: Dialect;
  private readonly introspector: (conn: Connection) => Introspector;

  constructor(adapter: Pick<Adapter, 'dialect' | 'introspector'>) {
    this.dialect = adapter.dialect;
    this.introspector = (conn) => adapter.introspector(conn);
  }

  /** The remembered answer to a catalog request, if there is one. */
  cached(request: WarehouseRequest): { value: unknown } | undefined {
    if (!CATALOG_OPS.has(request.op)) return undefined;
    if (request.op === 'columns') {
      const schema = this.described.get(this.schemaKey(request.relation));
      if (!schema || this.stale.has(this.relationKey(request.relation))) return undefined;
      return { value: schema.get(this.fold(String(request.relation.identifier))) ?? [] };
    }
    const key = requestKey(request);
    return this.answers.has(key) ? { value: this.answers.get(key) } : undefined;
  }

  /** Asks the warehouse on `conn` (the node's own session), remembering catalog answers. */
  async answer(conn: Connection, request: WarehouseRequest, node: string): Promise<unknown> {
    const started = this.changes;
    if (request.op === 'columns') {
      const key = this.relationKey(request.relation);
      if (!this.described.has(this.schemaKey(request.relation))) {
        await this.describe(conn, request.relation, started);
        const now = this.cached(request);
        if (now) return now.value;
      }
      // Rebuilt since its schema was read (maybe while it was being read): read it alone.
      const from = this.changes;
      const columns = await this.introspector(conn).getColumns(relationName(request.relation));
      this.described
        .get(this.schemaKey(request.relation))
        ?.set(this.fold(String(request.relation.identifier)), columns);
      if ((this.stale.get(key) ?? 0) <= from) this.stale.delete(key);
      return columns;
    }
    const value = await this.ask(conn, request, node);
    if (CATALOG_OPS.has(request.op)) {
      if (this.changes === started) this.answers.set(requestKey(request), value);
    } else if (request.op !== 'execute' || !isReadOnly(request.sql)) {
      this.answers.clear();
      this.described.clear();
      this.stale.clear();
    }
    return value;
  }

  /**
   * Reads the columns of a whole schema at once: the next relation asked about is free. A
   * relation rebuilt while the read was in flight stays stale (read again alone when asked).
   */
  private async describe(conn: Connection, relation: RelationPath, started: number): Promise<void> {
    const rel = relationName(relation);
    const relations = await this.introspector(conn).describeSchema(rel.database, rel.schema);
    const columns = new Map<string, ColumnDef[]>();
    for (const r of relations)
      columns.set(
        this.fold(r.name),
        r.columns.map((c) => ({ name: c.name, dataType: c.dataType })),
      );
    const schemaKey = this.schemaKey(relation);
    this.described.set(schemaKey, columns);
    for (const [key, at] of [...this.stale])
      if (key.startsWith(`${schemaKey}\u0000`) && at <= started) this.stale.delete(key);
  }

  private schemaKey(path: { database: string | null; schema: string | null }): string {
    return `${this.fold(path.database ?? '')}\u0000${this.fold(path.schema ?? '')}`;
  }

  private relationKey(path: RelationPath): string {
    return `${this.schemaKey(path)}\u0000${this.fold(path.identifier ?? '')}`;
  }

  private fold(name: string): string {
    return name.toLowerCase();
  }

  /**
   * A node (re)built `relation`: its columns are read again (alone) when next asked, and the
   * relation lists of its schema are asked again.
   */
  changed(relation: RelationName): void {
    this.stale.set(
      this.relationKey({
        database: relation.database ?? null,
        schema: relation.schema,
        identifier: relation.identifier,
      }),
      ++this.changes,
    );
    const schema = this.dialect.foldIdentifier(relation.schema);
    for (const key of [...this.answers.keys()]) {
      const parsed = JSON.parse(key) as { schema?: string; relation?: RelationPath };
      const touched = parsed.schema ?? parsed.relation?.schema ?? undefined;
      if (touched !== undefined && this.dialect.foldIdentifier(touched) === schema)
        this.answers.delete(key);
    }
  }

  private async ask(conn: Connection, request: WarehouseRequest, node: string): Promise<unknown> {
    const d = this.dialect;
    const run = (sql: string, label: string) => conn.execute(sql, { label, node });
    switch (request.op) {
      case 'execute':
        return conn.fetch(request.sql, { label: 'statement', node });
      case 'relations':
        return this.introspector(conn).listRelations(request.database ?? undefined, request.schema);
      case 'schemas': {
        const db = request.database ? `${d.quoteIdentifier(request.database)}.` : '';
        const rows = await conn.fetch(`select schema_name from ${db}information_schema.schemata`, {
          label: 'list schemas',
          node,
        });
        return rows.rows.map((r) => String(r[0]));
      }
      case 'drop':
        await run(
          d.dropRelation(kindOf(request.type), relationName(request.relation), true),
          'drop relation',
        );
        return null;
      case 'rename':
        await run(
          d.renameRelation(
            kindOf(request.type),
            relationName(request.from),
            String(request.to.identifier),
          ),
          'rename relation',
        );
        return null;
      case 'create_schema':
        await run(
          d.createSchemaIfNotExists({
            schema: request.schema,
            ...(request.database ? { database: request.database } : {}),
          }),
          'create schema',
        );
        return null;
      case 'drop_schema':
        // In the session's database: PostgreSQL names no database in `drop schema`.
        await run(
          `drop schema if exists ${d.quoteIdentifier(request.schema)} cascade`,
          'drop schema',
        );
        return null;
    }
  }
}

/** The identity of a request, for replay checks and the catalog's memory. */
export function requestKey(request: WarehouseRequest): string {
  return JSON.stringify(request);
}

/** A statement that only reads (`select`, `with`, `show`, `describe`): the catalog stays valid. */
function isReadOnly(sql: string): boolean {
  return /^\s*(?:(?:--[^\n]*\n|\/\*[^]*?\*\/)\s*)*(select|with|show|describe|explain)\b/i.test(sql);
}

function kindOf(type: string): RelationKind {
  return type === 'view' ? 'view' : 'table';
}

function relationName(path: RelationPath): RelationName {
  if (!path.schema || !path.identifier)
    throw new Error(
      `a relation needs a schema and an identifier here, got ${JSON.stringify(path)}`,
    );
  return {
    schema: path.schema,
    identifier: path.identifier,
    ...(path.database ? { database: path.database } : {}),
  };
}
