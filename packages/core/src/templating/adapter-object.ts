import type { ColumnDef } from '../adapter/dialect';
import type { FetchResult } from '../adapter/connection';
import type { RelationInfo } from '../adapter/introspector';
import { TsmodelError } from '../diagnostics';
import { bind } from './py-args';
import { tuple } from './py-values';
import { DbtRelation, type RelationPath, type RelationStyle } from './dbt-relation';
import type { RenderWarehouse, WarehouseAnswers, WarehouseRequest } from './render-warehouse';

/** How query results and columns look to templates (dbt's agate tables and Column objects). */
export interface ResultValues {
  column(def: ColumnDef): unknown;
  /** `run_query`'s value and the `table` of `load_result`. */
  table(result: FetchResult): unknown;
  /** dbt's AdapterResponse of a statement. */
  response(result: FetchResult): unknown;
  /** `load_result(name)`'s value for what `store_result` was given. */
  statementResult(response: unknown, table: unknown): unknown;
  /** `api.Column`. */
  columnApi: unknown;
}

/** What the adapter object needs from the render in progress. */
export interface AdapterObjectDeps {
  style: RelationStyle;
  values: ResultValues;
  /** The live warehouse of a just-in-time render; undefined while parsing. */
  warehouse(): RenderWarehouse | undefined;
  /** Records that the render in progress asked for the warehouse (so it renders again at run time). */
  markIntrospective(): void;
  /** True when the render in progress has `execute` true: it must have a live warehouse. */
  executing(): boolean;
  /** The form names are compared in when looking them up in the catalog. */
  fold(name: string): string;
}

type Args = unknown[];

/**
 * dbt's `adapter` methods that talk to the warehouse. While parsing they answer what dbt's parse
 * answers (no columns, no relation, empty results) and mark the node introspective, so it is
 * rendered again just in time, with these methods answering from the live warehouse.
 */
export function warehouseMethods(deps: AdapterObjectDeps): Record<string, unknown> {
  const { style, values } = deps;
  const live = (): RenderWarehouse => deps.warehouse()!;
  const ask = <R extends WarehouseRequest>(request: R): WarehouseAnswers[R['op']] =>
    live().ask(request);
  /** `fn` at run time; while parsing, dbt's parse answer (and the node is marked). */
  const atRun =
    (parseAnswer: () => unknown, fn: (...args: Args) => unknown) =>
    (...args: Args) => {
      if (deps.warehouse()) return fn(...args);
      // Parse answers are for parse renders only: at run time they would be silently wrong.
      if (deps.executing())
        throw new TsmodelError({
          code: 'no-live-warehouse',
          message:
            'a template asked the warehouse while rendering with execute true but without a connection',
          kind: 'internal',
        });
      deps.markIntrospective();
      return parseAnswer();
    };

  const relationOf = (database: string | null, schema: string, info: RelationInfo) =>
    new DbtRelation(style, { database, schema, identifier: info.name }, info.kind);

  const getRelation = (database: unknown, schema: unknown, identifier: unknown) => {
    const db = optional(database);
    const sch = String(schema);
    const listed = ask({ op: 'relations', database: db, schema: sch });
    const wanted = deps.fold(String(identifier));
    const hit = listed.find((r) => deps.fold(r.name) === wanted);
    return hit ? relationOf(db, sch, hit) : null;
  };

  const columnsOf = (relation: unknown) =>
    ask({ op: 'columns', relation: pathOf(relation, 'get_columns_in_relation') }).map((c) =>
      values.column(c),
    );

  const parseExecute = () => tuple([values.response(PARSE_RESULT), values.table(PARSE_RESULT)]);
  const execute = (...args: Args) => {
    const [sql, , fetch] = bind(args, ['sql', 'auto_begin', 'fetch', 'limit'], 'execute');
    const result = ask({ op: 'execute', sql: String(sql), fetch: Boolean(fetch) });
    return tuple([values.response(result), values.table(fetch ? result : { ...result, rows: [] })]);
  };

  const names = (cols: unknown[]) =>
    new Set(cols.map((c) => deps.fold(String((c as { name: unknown }).name))));

  return {
    execute: atRun(parseExecute, execute),
    // dbt's validate_sql: asks the warehouse to plan the statement without running it.
    validate_sql: atRun(
      () => values.response(PARSE_RESULT),
      (sql: unknown) =>
        values.response(ask({ op: 'execute', sql: `explain ${String(sql)}`, fetch: false })),
    ),
    get_relation: atRun(
      () => null,
      (...args: Args) => {
        const [database, schema, identifier] = bind(
          args,
          ['database', 'schema', 'identifier'],
          'get_relation',
        );
        return getRelation(database, schema, identifier);
      },
    ),
    load_relation: atRun(
      () => null,
      (relation: unknown) => {
        const p = pathOf(relation, 'load_relation');
        return getRelation(p.database, p.schema, p.identifier);
      },
    ),
    get_columns_in_relation: atRun(() => [], columnsOf),
    get_missing_columns: atRun(
      () => [],
      (from: unknown, to: unknown) => {
        const present = names(columnsOf(to));
        return columnsOf(from).filter(
          (c) => !present.has(deps.fold(String((c as { name: unknown }).name))),
        );
      },
    ),
    list_relations_without_caching: atRun(
      () => [],
      (schemaRelation: unknown) => {
        const p = pathOf(schemaRelation, 'list_relations_without_caching');
        return ask({ op: 'relations', database: p.database, schema: String(p.schema) }).map(
          (info) => relationOf(p.database, String(p.schema), info),
        );
      },
    ),
    list_relations: atRun(
      () => [],
      (...args: Args) => {
        const [database, schema] = bind(args, ['database', 'schema'], 'list_relations');
        const db = optional(database);
        return ask({ op: 'relations', database: db, schema: String(schema) }).map((info) =>
          relationOf(db, String(schema), info),
        );
      },
    ),
    drop_relation: atRun(
      () => '',
      (relation: unknown) => {
        const type = (relation as DbtRelation | undefined)?.type ?? 'table';
        ask({ op: 'drop', relation: pathOf(relation, 'drop_relation'), type });
        return '';
      },
    ),
    rename_relation: atRun(
      () => '',
      (from: unknown, to: unknown) => {
        const type = (from as DbtRelation | undefined)?.type ?? 'table';
        ask({
          op: 'rename',
          from: pathOf(from, 'rename_relation'),
          to: pathOf(to, 'rename_relation'),
          type,
        });
        return '';
      },
    ),
    create_schema: atRun(
      () => '',
      (relation: unknown) => {
        const p = pathOf(relation, 'create_schema');
        ask({ op: 'create_schema', database: p.database, schema: String(p.schema) });
        return '';
      },
    ),
    drop_schema: atRun(
      () => '',
      (relation: unknown) => {
        const p = pathOf(relation, 'drop_schema');
        ask({ op: 'drop_schema', database: p.database, schema: String(p.schema) });
        return '';
      },
    ),
    list_schemas: atRun(
      () => [],
      (...args: Args) => {
        const [database] = bind(args, ['database'], 'list_schemas');
        return ask({ op: 'schemas', database: optional(database) });
      },
    ),
    check_schema_exists: atRun(
      () => false,
      (...args: Args) => {
        const [database, schema] = bind(args, ['database', 'schema'], 'check_schema_exists');
        const wanted = deps.fold(String(schema));
        return ask({ op: 'schemas', database: optional(database) }).some(
          (s) => deps.fold(s) === wanted,
        );
      },
    ),
    already_exists: atRun(
      () => false,
      (...args: Args) => {
        const [schema, name] = bind(args, ['schema', 'name'], 'already_exists');
        return getRelation(null, schema, name) !== null;
      },
    ),
  };
}

/** What `adapter.execute` returns while parsing: an empty result, as dbt's parse gives. */
const PARSE_RESULT: FetchResult = { columns: [], rows: [], message: 'OK' };

function optional(v: unknown): string | null {
  return v === undefined || v === null || v === '' ? null : String(v);
}

/** The path of a relation argument; a value that is not a Relation is a clear error. */
function pathOf(relation: unknown, method: string): RelationPath {
  if (relation instanceof DbtRelation && relation.path) return relation.path;
  if (relation instanceof DbtRelation)
    throw new Error(`adapter.${method} was given a relation whose name is not known while parsing`);
  throw new Error(
    `adapter.${method} expected a Relation (from ref(), source(), this or api.Relation.create) but received ${relation === null ? 'None' : typeof relation === 'string' ? `the string '${relation}'` : String(relation)}`,
  );
}
