import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError, runSteps, type Adapter, type Connection } from '@tsmodel/core/adapter';
import { TsmodelError, type NodeConfig, type RelationName } from '@tsmodel/core';
import {
  leftoverRelations,
  planLeftoverCleanup,
  tmpRelation,
  type PlanNode,
} from '@tsmodel/core/materializations';
import { buildNode, loadSeed } from './build-node';
import { BROKEN_CSVS, ODD_CSV_ROWS, writeCsvFixtures } from './csv-fixtures';

export interface ConformanceOptions {
  /** Database (catalog) the relations live in; omitted means the connection's current one. */
  database?: string;
  /** Schema the suite creates and works in; unique per run so suites can share a server. */
  schema: string;
  /** A statement that runs for many seconds, for the cancel test (default: a DuckDB `range` scan). */
  slowQuery?: string;
}

/**
 * One suite every adapter runs against its real engine: what a dialect claims (atomic swaps,
 * strategies, schema changes, seeds, introspection) is executed, never mocked. An adapter
 * package calls it from a test file: `runConformance('duckdb', () => adapterFactory.create(…))`.
 */
export function runConformance(
  name: string,
  makeAdapter: () => Adapter | Promise<Adapter>,
  options: ConformanceOptions,
): void {
  describe(`adapter conformance: ${name}`, () => {
    let adapter: Adapter;
    let conn: Connection;
    const rel = (identifier: string): RelationName => ({
      database: options.database,
      schema: options.schema,
      identifier,
    });
    const node = (identifier: string, sql: string, config: Partial<NodeConfig> = {}): PlanNode => ({
      unique_id: `model.conformance.${identifier}`,
      relation: rel(identifier),
      sql,
      config: {
        enabled: true,
        materialized: 'table',
        tags: [],
        pre_hook: [],
        post_hook: [],
        meta: {},
        ...config,
      },
    });
    const rows = async (identifier: string, orderBy = 'id') =>
      normalize(
        await conn.query(
          `select * from ${adapter.dialect.renderRelation(rel(identifier))} order by ${orderBy}`,
        ),
      );
    const relations = () =>
      adapter.introspector(conn).listRelations(options.database, options.schema);

    beforeAll(async () => {
      adapter = await makeAdapter();
      conn = await adapter.connect();
      await runSteps(conn, [
        {
          label: 'create schema',
          kind: 'create',
          transactional: false,
          sql: adapter.dialect.createSchemaIfNotExists(rel('')),
        },
      ]);
    });
    afterAll(async () => {
      await adapter?.close();
    });

    it('introspects relations of a schema with their kinds, and columns in order', async () => {
      await buildNode(adapter, conn, node('intro_t', "select 1 as id, 'a' as label"));
      await buildNode(adapter, conn, node('intro_v', 'select 1 as id', { materialized: 'view' }));
      const listed = await relations();
      expect(listed).toContainEqual({ name: 'intro_t', kind: 'table' });
      expect(listed).toContainEqual({ name: 'intro_v', kind: 'view' });
      const columns = await adapter.introspector(conn).getColumns(rel('intro_t'));
      expect(columns.map((c) => c.name)).toEqual(['id', 'label']);
      expect(
        await adapter
          .introspector(conn)
          .listRelations(options.database, `${options.schema}_absent`),
      ).toEqual([]);
    });

    it('describes a whole schema in one read, with the columns getColumns returns', async () => {
      await buildNode(adapter, conn, node('describe_t', "select 1 as id, 'a' as label"));
      await buildNode(
        adapter,
        conn,
        node('describe_v', 'select id from ' + adapter.dialect.renderRelation(rel('describe_t')), {
          materialized: 'view',
        }),
      );
      const introspector = adapter.introspector(conn);
      const described = await introspector.describeSchema(options.database, options.schema);
      const key = (name: string) => adapter.dialect.identifierKey(name);
      const find = (name: string) => described.find((r) => key(r.name) === key(name));
      expect(find('describe_t')).toMatchObject({
        kind: 'table',
        type: expect.stringMatching(/TABLE/),
      });
      expect(find('describe_v')).toMatchObject({
        kind: 'view',
        type: expect.stringMatching(/VIEW/),
      });
      for (const name of ['describe_t', 'describe_v']) {
        const columns = find(name)!.columns;
        expect(columns.map(({ name, dataType }) => ({ name, dataType }))).toEqual(
          await introspector.getColumns(rel(name)),
        );
        expect(columns.map((c) => c.index)).toEqual(columns.map((_, i) => i + 1));
      }
      expect(
        await introspector.describeSchema(options.database, `${options.schema}_absent`),
      ).toEqual([]);
    });

    it('builds and atomically replaces tables and views, leaving no tmp or backup', async () => {
      await buildNode(adapter, conn, node('t', 'select 1 as id'));
      await buildNode(adapter, conn, node('t', 'select 2 as id union all select 3'));
      expect(await rows('t')).toEqual([{ id: 2 }, { id: 3 }]);
      await buildNode(adapter, conn, node('t', 'select 4 as id', { materialized: 'view' }));
      expect(await rows('t')).toEqual([{ id: 4 }]);
      await buildNode(adapter, conn, node('t', 'select 5 as id', { materialized: 'view' }));
      await buildNode(adapter, conn, node('t', 'select 6 as id'));
      expect(await relations()).toContainEqual({ name: 't', kind: 'table' });
      expect(await rows('t')).toEqual([{ id: 6 }]);
      expect(leftoverRelations(await relations())).toEqual([]);
    });

    it('keeps the previous table readable when the new build fails', async () => {
      await buildNode(adapter, conn, node('keep', 'select 1 as id'));
      const failure = await buildNode(
        adapter,
        conn,
        node('keep', 'select id from no_such_table'),
      ).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(AdapterError);
      expect((failure as AdapterError).code).toBe('sql-error');
      expect((failure as AdapterError).node).toBe('model.conformance.keep');
      expect(await rows('keep')).toEqual([{ id: 1 }]);
      expect(leftoverRelations(await relations())).toEqual([]);
    });

    it('appends on incremental runs', async () => {
      const inc = (sql: string) => node('inc_append', sql, { materialized: 'incremental' });
      await buildNode(adapter, conn, inc('select 1 as id'));
      const results = await buildNode(adapter, conn, inc('select 2 as id union all select 3'));
      expect(results.find((r) => r.step.kind === 'insert')?.result.rowsAffected).toBe(2);
      expect(await rows('inc_append')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    });

    it.each(['delete+insert', 'merge'])('replaces rows by unique key with %s', async (strategy) => {
      const id = `inc_${strategy === 'merge' ? 'merge' : 'di'}`;
      const inc = (sql: string) =>
        node(id, sql, {
          materialized: 'incremental',
          incremental_strategy: strategy,
          unique_key: 'id',
        });
      await buildNode(adapter, conn, inc("select 1 as id, 'old' as v union all select 2, 'old'"));
      await buildNode(adapter, conn, inc("select 2 as id, 'new' as v union all select 3, 'new'"));
      expect(await rows(id)).toEqual([
        { id: 1, v: 'old' },
        { id: 2, v: 'new' },
        { id: 3, v: 'new' },
      ]);
    });

    it('replaces rows by a composite key, honouring incremental_predicates', async () => {
      const inc = (sql: string) =>
        node('inc_composite', sql, {
          materialized: 'incremental',
          unique_key: ['id', 'day'],
          incremental_predicates: ['DBT_INTERNAL_DEST.day > 1'],
        });
      await buildNode(
        adapter,
        conn,
        inc("select 1 as id, 1 as day, 'old' as v union all select 1, 2, 'old'"),
      );
      await buildNode(
        adapter,
        conn,
        inc("select 1 as id, 2 as day, 'new' as v union all select 1, 1, 'dup'"),
      );
      // (1,1) is outside the predicate, so the old row stays and the new one is added beside it.
      expect(await rows('inc_composite', 'id, day, v')).toEqual([
        { id: 1, day: 1, v: 'dup' },
        { id: 1, day: 1, v: 'old' },
        { id: 1, day: 2, v: 'new' },
      ]);
    });

    it('merges only merge_update_columns, or all but merge_exclude_columns', async () => {
      const first = "select 1 as id, 'old' as a, 'old' as b, 'old' as c";
      const second =
        "select 1 as id, 'new' as a, 'new' as b, 'new' as c union all select 2, 'new', 'new', 'new'";
      const inc = (id: string, config: Partial<NodeConfig>) => (sql: string) =>
        node(id, sql, {
          materialized: 'incremental',
          incremental_strategy: 'merge',
          unique_key: 'id',
          ...config,
        });
      const only = inc('inc_merge_update', { merge_update_columns: ['a'] });
      await buildNode(adapter, conn, only(first));
      await buildNode(adapter, conn, only(second));
      expect(await rows('inc_merge_update')).toEqual([
        { id: 1, a: 'new', b: 'old', c: 'old' },
        { id: 2, a: 'new', b: 'new', c: 'new' },
      ]);
      const except = inc('inc_merge_exclude', { merge_exclude_columns: ['b'] });
      await buildNode(adapter, conn, except(first));
      await buildNode(adapter, conn, except(second));
      expect(await rows('inc_merge_exclude')).toEqual([
        { id: 1, a: 'new', b: 'old', c: 'new' },
        { id: 2, a: 'new', b: 'new', c: 'new' },
      ]);
      await expect(
        buildNode(
          adapter,
          conn,
          inc('inc_merge_update', { merge_update_columns: ['nope'] })(second),
        ),
      ).rejects.toThrow(
        'merge_update_columns of model.conformance.inc_merge_update names nope, which the model does not write',
      );
    });

    it("treats unique_key '' as no key (append) and reads dbt's `predicates` spelling", async () => {
      const blank = (sql: string) =>
        node('inc_blank_key', sql, {
          materialized: 'incremental',
          incremental_strategy: 'delete+insert',
          unique_key: '',
        });
      await buildNode(adapter, conn, blank('select 1 as id'));
      await buildNode(adapter, conn, blank('select 1 as id'));
      expect(await rows('inc_blank_key')).toEqual([{ id: 1 }, { id: 1 }]);
      const old = (sql: string) =>
        node('inc_predicates', sql, {
          materialized: 'incremental',
          incremental_strategy: 'delete+insert',
          unique_key: 'id',
          predicates: ['DBT_INTERNAL_DEST.v > 1'],
        });
      await buildNode(adapter, conn, old('select 1 as id, 1 as v union all select 2, 2'));
      await buildNode(adapter, conn, old('select 1 as id, 9 as v union all select 2, 9'));
      // id 1 (v = 1) is outside the predicate: kept, and the new row added beside it.
      expect(await rows('inc_predicates', 'id, v')).toEqual([
        { id: 1, v: 1 },
        { id: 1, v: 9 },
        { id: 2, v: 9 },
      ]);
    });

    it('applies on_schema_change modes', async () => {
      const inc = (id: string, sql: string, mode: string) =>
        node(id, sql, { materialized: 'incremental', unique_key: 'id', on_schema_change: mode });
      for (const mode of ['ignore', 'append_new_columns', 'sync_all_columns', 'fail']) {
        await buildNode(adapter, conn, inc(`osc_${mode}`, "select 1 as id, 'a' as old_col", mode));
      }
      const next = "select 2 as id, 'b' as new_col";
      await buildNode(adapter, conn, inc('osc_ignore', next, 'ignore'));
      expect(await rows('osc_ignore')).toEqual([
        { id: 1, old_col: 'a' },
        { id: 2, old_col: null },
      ]);
      await buildNode(adapter, conn, inc('osc_append_new_columns', next, 'append_new_columns'));
      expect(await rows('osc_append_new_columns')).toEqual([
        { id: 1, old_col: 'a', new_col: null },
        { id: 2, old_col: null, new_col: 'b' },
      ]);
      await buildNode(adapter, conn, inc('osc_sync_all_columns', next, 'sync_all_columns'));
      expect(await rows('osc_sync_all_columns')).toEqual([
        { id: 1, new_col: null },
        { id: 2, new_col: 'b' },
      ]);
      const failure = await buildNode(adapter, conn, inc('osc_fail', next, 'fail')).catch(
        (e: unknown) => e,
      );
      expect((failure as { code?: string }).code).toBe('schema-change');
      expect(await rows('osc_fail')).toEqual([{ id: 1, old_col: 'a' }]);
    });

    it('rebuilds an incremental model on full refresh unless full_refresh: false', async () => {
      const inc = (sql: string, config: Partial<NodeConfig> = {}) =>
        node('inc_fr', sql, { materialized: 'incremental', ...config });
      await buildNode(adapter, conn, inc('select 1 as id'));
      await buildNode(adapter, conn, inc('select 2 as id', { full_refresh: false }), {
        fullRefresh: true,
      });
      expect(await rows('inc_fr')).toEqual([{ id: 1 }, { id: 2 }]);
      await buildNode(adapter, conn, inc("select 3 as id, 'x' as extra"), { fullRefresh: true });
      expect(await rows('inc_fr')).toEqual([{ id: 3, extra: 'x' }]);
    });

    it('loads seeds with quotes, empty values, unicode and CRLF, and reloads without duplicates', async () => {
      const files = writeCsvFixtures();
      const seed = { ...node('seed_odd', ''), seedFile: files.odd };
      seed.config = { ...seed.config, materialized: 'seed', column_types: { zip: 'varchar' } };
      await loadSeed(adapter, conn, seed);
      await loadSeed(adapter, conn, seed);
      expect(await rows('seed_odd')).toEqual(ODD_CSV_ROWS);
      await loadSeed(adapter, conn, seed, { fullRefresh: true });
      expect(await rows('seed_odd')).toEqual(ODD_CSV_ROWS);
      const semi = { ...node('seed_semi', ''), seedFile: files.semicolon };
      semi.config = { ...semi.config, materialized: 'seed', delimiter: ';' };
      await loadSeed(adapter, conn, semi);
      expect(await rows('seed_semi', 'code')).toEqual([
        { code: 'A', label: 'Alpha' },
        { code: 'B', label: 'Beta' },
      ]);
    });

    it('loads a seed column typed float as an 8-byte float, which casts to decimal exactly', async () => {
      const seed = { ...node('seed_floats', ''), seedFile: writeCsvFixtures().floats };
      seed.config = { ...seed.config, materialized: 'seed', column_types: { v: 'float' } };
      await loadSeed(adapter, conn, seed);
      const table = adapter.dialect.renderRelation(rel('seed_floats'));
      expect(
        normalize(
          await conn.query(
            `select id, cast(cast(v as numeric(28, 6)) as varchar(40)) as v from ${table} order by id`,
          ),
        ),
      ).toEqual([
        { id: 1, v: '68.602943' },
        { id: 2, v: '68.602944' },
        { id: 3, v: '100000.000000' },
      ]);
    });

    it('refuses a malformed seed file before loading, keeping the previous table and its rows', async () => {
      const files = writeCsvFixtures();
      const seed = {
        ...node('seed_kept', ''),
        seedFile: files.semicolon,
        seedPath: 'seeds/kept.csv',
      };
      seed.config = { ...seed.config, materialized: 'seed', delimiter: ';' };
      await loadSeed(adapter, conn, seed);
      for (const [text, line] of BROKEN_CSVS) {
        writeFileSync(files.semicolon, text);
        for (const fullRefresh of [false, true]) {
          const failure = await loadSeed(adapter, conn, seed, { fullRefresh }).catch(
            (e: unknown) => e,
          );
          expect(failure).toBeInstanceOf(TsmodelError);
          expect((failure as TsmodelError).location).toMatchObject({
            file: 'seeds/kept.csv',
            line,
          });
          expect(await rows('seed_kept', 'code')).toEqual([
            { code: 'A', label: 'Alpha' },
            { code: 'B', label: 'Beta' },
          ]);
        }
      }
    });

    it('treats as one relation (identifierKey) every pair of names the engine stores as one', async () => {
      const long = 'clash_' + 'x'.repeat(60);
      const pairs = [
        [`${long}_first`, `${long}_second`],
        [`${'é'.repeat(31)}_a`, `${'é'.repeat(31)}_b`],
        ['Case_Clash', 'case_clash'],
        ['plain_one', 'plain_two'],
      ];
      for (const [a, b] of pairs) {
        await conn.execute(adapter.dialect.createTableAs(rel(a!), 'select 1 as id'), {
          label: 'a',
        });
        const engineClash = await conn
          .execute(adapter.dialect.createTableAs(rel(b!), 'select 2 as id'), { label: 'b' })
          .then(
            () => false,
            () => true,
          );
        if (engineClash)
          expect(adapter.dialect.identifierKey(a!), `${a} / ${b}`).toBe(
            adapter.dialect.identifierKey(b!),
          );
      }
      expect(adapter.dialect.identifierKey('plain_one')).not.toBe(
        adapter.dialect.identifierKey('plain_two'),
      );
    });

    it('finds and drops leftovers of a crashed run', async () => {
      const tmp = tmpRelation(rel('crashed'), adapter.dialect);
      await conn.execute(adapter.dialect.createTableAs(tmp, 'select 1 as id'), {
        label: 'simulate crash',
      });
      const leftovers = leftoverRelations(await relations());
      expect(leftovers).toContainEqual({ name: tmp.identifier, kind: 'table' });
      await runSteps(conn, planLeftoverCleanup(rel(''), leftovers, adapter.dialect));
      expect(leftoverRelations(await relations())).toEqual([]);
    });

    it('rolls a failed transaction back and keeps the connection usable', async () => {
      const failed = conn.transaction(async (tx) => {
        await tx.execute(adapter.dialect.createTableAs(rel('rolled_back'), 'select 1 as id'), {
          label: 'create',
        });
        await tx.execute('select * from no_such_table', { label: 'fail' });
      });
      await expect(failed).rejects.toBeInstanceOf(AdapterError);
      expect((await relations()).map((r) => r.name)).not.toContain('rolled_back');
      expect(normalize(await conn.query('select 1 as one'))).toEqual([{ one: 1 }]);
    });

    it('cancels a running statement', async () => {
      const other = await adapter.connect();
      const slow = other.query(options.slowQuery ?? 'select count(*) from range(100000000000) a');
      setTimeout(() => void other.cancel(), 200);
      await expect(slow).rejects.toBeInstanceOf(AdapterError);
      await other.close();
    });
  });
}

/** Drivers return BIGINT as bigint; compare plain numbers. */
function normalize(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
    ),
  );
}
