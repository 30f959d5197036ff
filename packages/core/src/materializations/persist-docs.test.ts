import { describe, expect, it } from 'vitest';
import type { Connection, StatementRunner } from '../adapter/connection';
import type { Dialect } from '../adapter/dialect';
import { duckdbDialect } from '../adapter/dialects/duckdb';
import { postgresDialect } from '../adapter/dialects/postgres';
import { redshiftDialect } from '../adapter/dialects/redshift';
import { runSteps } from '../adapter/run-steps';
import type { NodeConfig } from '../manifest/types';
import { columnCommentStatements, persistDocsConfig, type NodeDocs } from './persist-docs';
import { planModel } from './plan';
import type { PlanInput } from './step';

const DOCS: NodeDocs = {
  description: "It's the orders\n-- all of them",
  columns: {
    id: { name: 'id', description: 'The id' },
    note: { name: 'note', description: '' },
    gone: { name: 'gone', description: 'Not built' },
  },
};

function plan(
  dialect: Dialect,
  cfg: Partial<NodeConfig>,
  existing?: PlanInput['existing'],
  docs: NodeDocs = DOCS,
) {
  return planModel({
    node: {
      unique_id: 'model.p.orders',
      relation: { schema: 's', identifier: 'orders' },
      config: {
        enabled: true,
        materialized: 'table',
        tags: [],
        pre_hook: [],
        post_hook: [],
        meta: {},
        persist_docs: { relation: true, columns: true },
        ...cfg,
      },
      sql: 'select 1 as id',
      docs,
    },
    ...(existing ? { existing } : {}),
    flags: { fullRefresh: false },
    dialect,
  }).steps;
}

const shape = (steps: ReturnType<typeof plan>) =>
  steps.map((s) => `${s.label}${s.transactional ? ' (tx)' : ''}`);

describe('persist_docs in a plan', () => {
  it("joins the swap's transaction, before the backup is dropped", () => {
    expect(shape(plan(postgresDialect, {}, { kind: 'table' }))).toEqual([
      'create tmp table (tx)',
      'move old to backup (tx)',
      'move new into place (tx)',
      'comment on table (tx)',
      'comment on columns (tx)',
      'drop backup',
    ]);
    const [, , , relation, columns] = plan(postgresDialect, {}, { kind: 'table' });
    expect(relation!.sql).toBe(
      `comment on table "s"."orders" is 'It''s the orders\n-- all of them'`,
    );
    // Only documented columns with a description, resolved once the relation exists.
    expect(columns!.columnDocs).toEqual({
      relation: { schema: 's', identifier: 'orders' },
      kind: 'table',
      columns: [
        { name: 'id', comment: 'The id' },
        { name: 'gone', comment: 'Not built' },
      ],
    });
  });

  it('writes only what the config asks for and the node has', () => {
    expect(shape(plan(duckdbDialect, { persist_docs: { relation: true } }))).toEqual([
      'create table (tx)',
      'comment on table (tx)',
    ]);
    expect(shape(plan(duckdbDialect, { persist_docs: { columns: true } }))).toEqual([
      'create table (tx)',
      'comment on columns (tx)',
    ]);
    expect(shape(plan(duckdbDialect, { persist_docs: undefined }))).toEqual(['create table (tx)']);
    // dbt's misspelt `relations` is no key of persist_docs.
    expect(shape(plan(duckdbDialect, { persist_docs: { relations: true } }))).toEqual([
      'create table (tx)',
    ]);
    expect(shape(plan(duckdbDialect, {}, undefined, { description: ' ', columns: {} }))).toEqual([
      'create table (tx)',
    ]);
    expect(shape(plan(duckdbDialect, { materialized: 'ephemeral' }))).toEqual([]);
  });

  it("comments a view, and not a view's columns on Redshift", () => {
    expect(shape(plan(postgresDialect, { materialized: 'view' }))).toEqual([
      'create view (tx)',
      'comment on view (tx)',
      'comment on columns (tx)',
    ]);
    expect(shape(plan(redshiftDialect, { materialized: 'view' }))).toEqual([
      'create view (tx)',
      'comment on view (tx)',
    ]);
  });

  it("leaves an incremental run's staging phase alone (its apply phase writes them)", () => {
    expect(
      shape(plan(postgresDialect, { materialized: 'incremental' }, { kind: 'table' })),
    ).toEqual(['stage new rows']);
  });

  it('rejects a persist_docs that is not a mapping', () => {
    expect(() => persistDocsConfig(true, 'model.p.orders')).toThrow(
      /persist_docs of model\.p\.orders must be a mapping/,
    );
    expect(persistDocsConfig({ relation: true, columns: 'yes' }, 'm')).toEqual({
      relation: true,
      columns: false,
    });
  });
});

describe('columnCommentStatements', () => {
  const docs = {
    relation: { schema: 's', identifier: 'orders' },
    kind: 'table' as const,
    columns: [
      { name: 'ID', comment: 'The id' },
      { name: 'Total', comment: 'Sum' },
      { name: 'gone', comment: 'x' },
    ],
  };

  it('names each column as the engine does, and lists the documented ones it lacks', () => {
    expect(columnCommentStatements(postgresDialect, docs, ['id', 'Total', 'total'])).toEqual({
      statements: [
        `comment on column "s"."orders"."id" is 'The id'`,
        `comment on column "s"."orders"."Total" is 'Sum'`,
      ],
      missing: ['gone'],
    });
    // Two columns differing only in case: `total` is not `Total`'s alone to claim.
    expect(columnCommentStatements(postgresDialect, docs, ['TOTAL', 'total']).missing).toEqual([
      'ID',
      'Total',
      'gone',
    ]);
  });
});

describe('runSteps with persist_docs column comments', () => {
  function fakeConnection(log: string[], columns: string[]): Connection {
    const runner: StatementRunner = {
      execute: async (sql) => (log.push(sql), {}),
      query: async () => [],
      fetch: async (sql) => (
        log.push(sql),
        { columns: columns.map((name) => ({ name })), rows: [] }
      ),
    };
    return {
      ...runner,
      transaction: async (fn) => (
        log.push('begin'),
        await fn(runner).finally(() => log.push('commit'))
      ),
      cancel: async () => undefined,
      close: async () => undefined,
    };
  }

  it('reads the built columns in the transaction, comments those it has, reports the rest', async () => {
    const log: string[] = [];
    const steps = plan(duckdbDialect, { persist_docs: { columns: true } });
    const results = await runSteps(fakeConnection(log, ['id', 'name']), steps, 'model.p.orders', {
      dialect: duckdbDialect,
    });
    expect(log).toEqual([
      'begin',
      steps[0]!.sql,
      'select * from "s"."orders" where 1 = 0',
      `comment on column "s"."orders"."id" is 'The id'`,
      'commit',
    ]);
    expect(results.flatMap((r) => r.missingColumns ?? [])).toEqual(['gone']);
  });

  it('needs the dialect to write them', async () => {
    const steps = plan(duckdbDialect, { persist_docs: { columns: true } });
    await expect(runSteps(fakeConnection([], []), steps)).rejects.toThrow(/needs the dialect/);
  });
});
