import { describe, expect, it } from 'vitest';
import { PostgresDialect } from '../adapter/dialects/postgres';
import type { NodeConfig } from '../manifest/types';
import { planModel } from './plan';
import { queryWithSqlHeader, withHeaderRelations } from './sql-header';
import type { PlanInput } from './step';

const HEADER = "set local tsmodel.answer = '42';";

function plan(cfg: Partial<NodeConfig>, existing?: PlanInput['existing']) {
  return planModel({
    node: {
      unique_id: 'model.p.m',
      relation: { schema: 's', identifier: 'm' },
      config: {
        enabled: true,
        materialized: 'table',
        tags: [],
        pre_hook: [],
        post_hook: [],
        meta: {},
        ...cfg,
      },
      sql: 'select 1 as id',
    },
    ...(existing ? { existing } : {}),
    flags: { fullRefresh: false },
    dialect: new PostgresDialect(),
  });
}

const shape = (p: ReturnType<typeof plan>) =>
  p.steps.map((s) => `${s.kind}${s.transactional ? ' (tx)' : ''}`);

describe('sql_header in a plan', () => {
  it('runs right before each create, in its transaction', () => {
    const built = plan({ sql_header: HEADER }, { kind: 'table' });
    expect(shape(built)).toEqual([
      'header (tx)',
      'create (tx)',
      'rename (tx)',
      'rename (tx)',
      'drop',
    ]);
    expect(built.steps[0]!.sql).toBe(HEADER);
    expect(shape(plan({ materialized: 'view', sql_header: HEADER }))).toEqual([
      'header (tx)',
      'create (tx)',
    ]);
  });

  it("joins an incremental model's staging create into one transaction with it", () => {
    const staged = plan({ materialized: 'incremental', sql_header: HEADER }, { kind: 'table' });
    expect(staged.mode).toBe('incremental');
    expect(shape(staged)).toEqual(['header (tx)', 'create (tx)']);
  });

  it('changes nothing without a header, and rejects one that is not text', () => {
    expect(shape(plan({}))).toEqual(['create (tx)']);
    expect(shape(plan({ sql_header: '  ' }))).toEqual(['create (tx)']);
    expect(() => plan({ sql_header: ['set x = 1'] })).toThrow(
      /sql_header of model\.p\.m must be SQL text/,
    );
  });

  it('resolves the relations a header names, and only when it names one', async () => {
    const render = async (text: string) => `rendered:${text}`;
    const plain = { sql_header: HEADER } as unknown as NodeConfig;
    expect(await withHeaderRelations(plain, render)).toBe(plain);
    const marked = { sql_header: 'select \u0001t\u0001' } as unknown as NodeConfig;
    expect((await withHeaderRelations(marked, render)).sql_header).toBe(
      'rendered:{% raw %}select \u0001t\u0001{% endraw %}',
    );
  });
});

describe('sql_header of a preview query (show)', () => {
  const query = 'select * from (\nselect v from _vars\n) as tsmodel_show\nlimit 5';

  it("prepends a `with` clause to the query, as dbt's get_show_sql does", () => {
    const header = '\n-- the variables\n/* note */ WITH _vars as (select 1 as v)';
    expect(queryWithSqlHeader(header, 'model.p.m', query)).toEqual({
      before: [],
      query: `-- the variables\n/* note */ WITH _vars as (select 1 as v)\n${query}`,
    });
  });

  it('runs any other header as a statement of its own first', () => {
    expect(queryWithSqlHeader(HEADER, 'model.p.m', query)).toEqual({ before: [HEADER], query });
    const fn = 'create temporary function within_range(x int) as (x < 10);';
    expect(queryWithSqlHeader(fn, 'model.p.m', query).before).toEqual([fn]);
    expect(queryWithSqlHeader('set withdrawn = 1', 'model.p.m', query).before).toEqual([
      'set withdrawn = 1',
    ]);
  });

  it('leaves the query alone without a header, and rejects one that is not text', () => {
    expect(queryWithSqlHeader(undefined, 'model.p.m', query)).toEqual({ before: [], query });
    expect(queryWithSqlHeader(' ', 'model.p.m', query)).toEqual({ before: [], query });
    expect(() => queryWithSqlHeader(1, 'model.p.m', query)).toThrow(/must be SQL text/);
  });
});
