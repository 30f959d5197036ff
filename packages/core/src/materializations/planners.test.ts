import { describe, expect, it } from 'vitest';
import { duckdbDialect, DuckDBDialect } from '../adapter/dialects/duckdb';
import { TsmodelError } from '../diagnostics';
import type { NodeConfig } from '../manifest/types';
import { shouldFullRefresh } from './full-refresh';
import { planIncrementalApply, planIncrementalStage } from './incremental';
import { planModel } from './plan';
import { leftoverRelations, planLeftoverCleanup, tmpRelation } from './relations';
import { diffColumns } from './schema-change';
import type { PlanInput } from './step';
import { planTable } from './table';

function input(cfg: Partial<NodeConfig>, extra: Partial<PlanInput> = {}): PlanInput {
  return {
    node: {
      unique_id: 'model.p.m',
      relation: { schema: 's', identifier: 'm' },
      config: {
        enabled: true,
        materialized: 'incremental',
        tags: [],
        pre_hook: [],
        post_hook: [],
        meta: {},
        ...cfg,
      },
      sql: 'select 1 as id',
    },
    flags: { fullRefresh: false },
    dialect: duckdbDialect,
    ...extra,
  };
}

function thrown(fn: () => unknown): TsmodelError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TsmodelError) return e;
    throw e;
  }
  throw new Error('expected a TsmodelError');
}

describe('shouldFullRefresh', () => {
  it('lets the model config override the flag, like dbt', () => {
    expect(shouldFullRefresh(true, false)).toBe(false);
    expect(shouldFullRefresh(false, true)).toBe(true);
    expect(shouldFullRefresh(true, null)).toBe(true);
    expect(shouldFullRefresh(false, undefined)).toBe(false);
  });

  it('keeps an incremental model with full_refresh: false incremental under --full-refresh', () => {
    const stage = planIncrementalStage(
      input({ full_refresh: false }, { existing: { kind: 'table' }, flags: { fullRefresh: true } }),
    );
    expect(stage.mode).toBe('incremental');
  });
});

describe('incremental planning', () => {
  it('rebuilds when the existing object is a view', () => {
    expect(planIncrementalStage(input({}, { existing: { kind: 'view' } })).mode).toBe('complete');
  });

  it('rejects an unknown strategy with a suggestion, before any SQL runs', () => {
    const err = thrown(() =>
      planIncrementalStage(input({ incremental_strategy: 'delete_insert' })),
    );
    expect(err.code).toBe('unknown-strategy');
    expect(err.hint).toContain("'delete+insert'");
    expect(err.node).toBe('model.p.m');
  });

  it('rejects merge on a dialect without MERGE', () => {
    class NoMerge extends DuckDBDialect {
      override readonly capabilities = { ...duckdbDialect.capabilities, merge: false };
    }
    const err = thrown(() =>
      planIncrementalStage(input({ incremental_strategy: 'merge' }, { dialect: new NoMerge() })),
    );
    expect(err.code).toBe('unsupported-strategy');
  });

  it("fails on a schema change when on_schema_change is 'fail', naming the columns", () => {
    const base = input({ on_schema_change: 'fail' }, { existing: { kind: 'table' } });
    const err = thrown(() =>
      planIncrementalApply({
        ...base,
        staging: tmpRelation(base.node.relation, duckdbDialect),
        columns: {
          existing: [{ name: 'id', dataType: 'INTEGER' }],
          incoming: [
            { name: 'id', dataType: 'BIGINT' },
            { name: 'x', dataType: 'VARCHAR' },
          ],
        },
      }),
    );
    expect(err.code).toBe('schema-change');
    expect(err.message).toContain('Compilation Error in model.p.m');
    expect(err.message).toContain('added x');
    expect(err.message).toContain('id → BIGINT');
  });

  it('treats a keyless delete+insert as append', () => {
    const base = input({ incremental_strategy: 'delete+insert' }, { existing: { kind: 'table' } });
    const cols = [{ name: 'id', dataType: 'INTEGER' }];
    const steps = planIncrementalApply({
      ...base,
      staging: tmpRelation(base.node.relation, duckdbDialect),
      columns: { existing: cols, incoming: cols },
    });
    expect(steps.map((s) => s.kind)).toEqual(['insert', 'drop']);
  });
});

describe('relations', () => {
  it('shortens tmp names to the identifier limit and keeps them distinct', () => {
    class Short extends DuckDBDialect {
      override readonly capabilities = { ...duckdbDialect.capabilities, maxIdentifierLength: 30 };
    }
    const a = tmpRelation(
      { schema: 's', identifier: 'a_very_long_model_name_number_one' },
      new Short(),
    );
    const b = tmpRelation(
      { schema: 's', identifier: 'a_very_long_model_name_number_two' },
      new Short(),
    );
    expect(a.identifier.length).toBeLessThanOrEqual(30);
    expect(a.identifier.endsWith('__tsmodel_tmp')).toBe(true);
    expect(a.identifier).not.toBe(b.identifier);
  });

  it('finds leftovers and drops each with its own kind', () => {
    const leftovers = leftoverRelations([
      { name: 'orders', kind: 'table' },
      { name: 'orders__tsmodel_tmp', kind: 'table' },
      { name: 'v__tsmodel_backup', kind: 'view' },
    ]);
    expect(leftovers.map((r) => r.name)).toEqual(['orders__tsmodel_tmp', 'v__tsmodel_backup']);
    expect(
      planLeftoverCleanup({ schema: 's' }, leftovers, duckdbDialect).map((s) => s.sql),
    ).toEqual([
      'drop table if exists "s"."orders__tsmodel_tmp"',
      'drop view if exists "s"."v__tsmodel_backup"',
    ]);
  });

  it('diffs columns case-insensitively', () => {
    const diff = diffColumns(
      [{ name: 'ID', dataType: 'integer' }],
      [{ name: 'id', dataType: 'INTEGER' }],
    );
    expect(diff).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('planModel', () => {
  it('plans nothing for ephemeral models and rejects unknown materializations', () => {
    expect(planModel(input({ materialized: 'ephemeral' }))).toEqual({
      mode: 'complete',
      steps: [],
    });
    expect(thrown(() => planModel(input({ materialized: 'tabel' }))).code).toBe(
      'unknown-materialization',
    );
  });

  it('uses one atomic create or replace where DDL is not transactional', () => {
    class Autocommit extends DuckDBDialect {
      override readonly capabilities = { ...duckdbDialect.capabilities, transactionalDdl: false };
    }
    const steps = planTable(
      input({ materialized: 'table' }, { existing: { kind: 'table' }, dialect: new Autocommit() }),
    );
    expect(steps.map((s) => s.sql)).toEqual([
      'create or replace table "s"."m" as (\nselect 1 as id\n)',
    ]);
  });

  it('builds aside and swaps in one transaction where there is no atomic create or replace', () => {
    class Postgresish extends DuckDBDialect {
      override readonly capabilities = {
        ...duckdbDialect.capabilities,
        atomicCreateOrReplaceTable: false,
      };
    }
    const steps = planTable(
      input({ materialized: 'table' }, { existing: { kind: 'table' }, dialect: new Postgresish() }),
    );
    expect(steps.map((s) => [s.label, s.transactional])).toEqual([
      ['create tmp table', true],
      ['move old to backup', true],
      ['move new into place', true],
      ['drop backup', false],
    ]);
  });
});

describe('unique_key as dbt pastes it', () => {
  it('takes a quoted key as the column it names (dbt: unique_key=\'"col_A"\')', () => {
    const base = input({ unique_key: '"col_A"', incremental_strategy: 'delete+insert' });
    const [del] = planIncrementalApply({
      ...base,
      existing: { kind: 'table' },
      staging: tmpRelation(base.node.relation, duckdbDialect),
      columns: {
        existing: [{ name: 'col_A', dataType: 'INTEGER' }],
        incoming: [{ name: 'col_A', dataType: 'INTEGER' }],
      },
    });
    expect(del!.sql).toContain('("col_A") in (\n  select distinct "col_A"');
  });
});
