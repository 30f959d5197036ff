import type { Dialect, RelationKind } from '../adapter/dialect';
import type { Connection } from '../adapter/connection';
import type { Introspector, RelationInfo } from '../adapter/introspector';
import { runSteps } from '../adapter/run-steps';
import type { RelationName } from '../manifest/types';
import { leftoverRelations, planLeftoverCleanup } from '../materializations/relations';

type SchemaRef = Pick<RelationName, 'database' | 'schema'>;

function schemaKey(rel: SchemaRef): string {
  return `${rel.database ?? ''}\u0000${rel.schema}`;
}

/**
 * What exists in the warehouse, listed once per schema at run start (dbt's relation cache) and
 * kept current as nodes build, so planners learn "is there a table/view here?" without a round
 * trip per model.
 */
export class RelationCache {
  private readonly schemas = new Map<string, Map<string, RelationKind>>();

  constructor(private readonly dialect: Dialect) {}

  /**
   * Creates each schema, lists its relations and drops the `__tsmodel_tmp`/`__tsmodel_backup`
   * leftovers of a killed run (a new build would trip over them). Returns the dropped names.
   */
  async prepare(
    conn: Connection,
    introspector: Introspector,
    schemas: readonly SchemaRef[],
  ): Promise<string[]> {
    const dropped: string[] = [];
    for (const ref of schemas) {
      const key = schemaKey(ref);
      if (this.schemas.has(key)) continue;
      await conn.execute(this.dialect.createSchemaIfNotExists(ref), {
        label: `create schema ${ref.schema}`,
      });
      const listed = await introspector.listRelations(ref.database, ref.schema);
      const leftovers = leftoverRelations(listed);
      await runSteps(conn, planLeftoverCleanup(ref, leftovers, this.dialect));
      dropped.push(...leftovers.map((r) => `${ref.schema}.${r.name}`));
      const gone = new Set(leftovers);
      this.schemas.set(key, this.index(listed.filter((r) => !gone.has(r))));
    }
    return dropped;
  }

  get(rel: RelationName): { kind: RelationKind } | undefined {
    const kind = this.schemas.get(schemaKey(rel))?.get(this.fold(rel.identifier));
    return kind ? { kind } : undefined;
  }

  set(rel: RelationName, kind: RelationKind): void {
    let schema = this.schemas.get(schemaKey(rel));
    if (!schema) this.schemas.set(schemaKey(rel), (schema = new Map()));
    schema.set(this.fold(rel.identifier), kind);
  }

  private index(relations: readonly RelationInfo[]): Map<string, RelationKind> {
    return new Map(relations.map((r) => [this.fold(r.name), r.kind]));
  }

  private fold(name: string): string {
    return this.dialect.foldIdentifier(name);
  }
}

/** The distinct schemas of `relations`, in first-seen order. */
export function distinctSchemas(relations: Iterable<RelationName>): SchemaRef[] {
  const seen = new Map<string, SchemaRef>();
  for (const r of relations) {
    const key = schemaKey(r);
    if (!seen.has(key))
      seen.set(
        key,
        r.database === undefined
          ? { schema: r.schema }
          : { database: r.database, schema: r.schema },
      );
  }
  return [...seen.values()];
}
