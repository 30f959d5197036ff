import { describe, expect, it } from 'vitest';
import { TemplateEngine, type RenderTarget } from './template-engine';
import { agateTable, statementResult, type QueryOutcome } from './query-outcome';
import { columnApi } from './api-column';

const model: RenderTarget = {
  uniqueId: 'model.proj.a',
  name: 'a',
  packageName: 'proj',
  resourceType: 'model',
  file: 'models/a.sql',
  baseConfig: {},
};

const DIALECT = { type: 'postgres', dispatchOrder: ['postgres'], quoteCharacter: '"' };

function render(source: string, globals: Record<string, unknown>): string {
  const e = new TemplateEngine({
    rootProject: 'proj',
    target: { type: 'postgres', name: 'dev', profile_name: 'p', schema: 's', threads: 1 },
    dialect: DIALECT,
    vars: () => ({ found: false }),
    env: {},
    dispatch: [],
    invocationId: 'i',
    runStartedAt: new Date(0),
  });
  e.env.addGlobal('api', { Column: columnApi(DIALECT) });
  for (const [k, v] of Object.entries(globals)) e.env.addGlobal(k, v);
  return e.render(model, source, { isIncremental: false, execute: true }).sql;
}

const printed: string[] = [];
const opts = { adapterType: 'postgres', print: (t: string) => printed.push(t) };

const outcome: QueryOutcome = {
  columns: [
    { name: 'id', type: 'int4' },
    { name: 'amount', type: 'numeric' },
    { name: 'name', type: 'text' },
    { name: 'ok', type: 'bool' },
    { name: 'at', type: 'timestamp' },
  ],
  rows: [
    [1, '1.50', 'a', true, new Date('2024-01-02T03:04:05Z')],
    [2, '1234.5', null, false, null],
  ],
  message: 'SELECT 2',
  code: 'SELECT',
  rowsAffected: 2,
};

describe('agate tables from query results', () => {
  const table = () => agateTable(outcome, opts);

  it('indexes rows and columns by position and by name', () => {
    expect(
      render(
        "{{ t[0][0] }} {{ t.rows[0]['amount'] }} {{ t.rows[1].id }} {{ t.columns[1].values() }} {{ t.columns['name'].values()[0] }} " +
          '{{ t.columns[0].name }} {{ t.column_names }} {{ t.rows[0].at }} {{ t.rows[0][3] }} {{ t.rows[1].name }}',
        { t: table() },
      ),
    ).toBe(
      "1 1.50 2 (Decimal('1.50'), Decimal('1234.5')) a id ('id', 'amount', 'name', 'ok', 'at') 2024-01-02 03:04:05 True None",
    );
  });

  it('iterates, measures and tests like agate in Jinja', () => {
    expect(
      render(
        "{% for row in t %}{{ row.id }}{% endfor %} {% for row in t.rows %}{{ row['id'] }}{% endfor %} {{ t | length }} {{ t.rows | length }} " +
          "{{ t.columns | map(attribute='name') | join(',') }} {{ 'id' in t.column_names }} {{ t.rows[0] is mapping }} {{ t.rows[0] is sequence }} " +
          "{{ t is iterable }} {{ t.rows[0] | list | length }} {{ t.rows[0][:2] }} {{ 'a' in t.rows[0] }} {{ t.rows | map(attribute='id') | list }}",
        { t: table() },
      ),
    ).toBe(
      "12 12 2 2 id,amount,name,ok,at True False True True 5 (1, Decimal('1.50')) True [1, 2]",
    );
  });

  it('gives rows keys(), values(), items() and get()', () => {
    expect(
      render(
        "{% for k, v in t.rows[1].items() %}{{ k }}={{ v }};{% endfor %} {{ t.rows[0].keys() | list }} {{ t.rows[0].get('id') }} {{ t.rows[0].get('nope', 'd') }}" +
          ' {% for n, c in t.columns.items() %}{{ n }}:{{ c.values() | length }};{% endfor %}',
        { t: table() },
      ),
    ).toBe(
      "id=2;amount=1234.5;name=None;ok=False;at=None; ['id', 'amount', 'name', 'ok', 'at'] 1 d id:2;amount:2;name:2;ok:2;at:2;",
    );
  });

  it('is falsy when empty and keeps column names of an empty result', () => {
    const empty = agateTable({ columns: [{ name: 'x', type: 'int4' }], rows: [] }, opts);
    expect(
      render('{{ "y" if t else "n" }} {{ t.column_names }} {{ t | length }}', { t: empty }),
    ).toBe("n ('x',) 0");
  });

  it('infers agate types as dbt-common does and prints the structure', () => {
    const t = agateTable(
      {
        columns: [
          { name: 'i' },
          { name: 'f', type: 'float8' },
          { name: 'mixed' },
          { name: 'j', type: 'jsonb' },
          { name: 'nul' },
        ],
        rows: [
          [1, 1, 1, { a: [1, 2] }, null],
          [2, 2.5, 'x', null, null],
        ],
      },
      opts,
    );
    expect(
      render(
        '{{ t.columns[1].values() }} {{ t.columns[2].values() }} {{ t.columns[3].values()[0] }}',
        { t },
      ),
    ).toBe("(Decimal('1.0'), Decimal('2.5')) ('1', 'x') {\"a\": [1, 2]}");
    expect(render('{{ t }}', { t })).toBe(
      [
        '| column | data_type |',
        '| ------ | --------- |',
        '| i      | Integer   |',
        '| f      | Number    |',
        '| mixed  | Text      |',
        '| j      | Text      |',
        '| nul    | Integer   |',
        '',
      ].join('\n'),
    );
  });

  it("print_table writes agate's table to the sink, numbers shown to their normalized precision", () => {
    printed.length = 0;
    render('{% do t.print_table() %}{% do t.print_table(max_rows=1, max_columns=2) %}', {
      t: table(),
    });
    expect(printed[0]).toBe(
      [
        '| id |  amount | name |    ok |                  at |',
        '| -- | ------- | ---- | ----- | ------------------- |',
        '|  1 |     1.5 | a    |  True | 2024-01-02 03:04:05 |',
        '|  2 | 1,234.5 |      | False |                     |',
        '',
      ].join('\n'),
    );
    expect(printed[1]).toBe(
      [
        '| id | amount | ... |',
        '| -- | ------ | --- |',
        '|  1 |    1.5 | ... |',
        '| ... |    ... | ... |',
        '',
      ].join('\n'),
    );
  });

  it('renames columns from a dict, as elementary lower-cases them', () => {
    const t = agateTable({ columns: [{ name: 'ID' }, { name: 'Name' }], rows: [[1, 'a']] }, opts);
    expect(
      render("{{ t.rename({'ID': 'id'}).column_names }} {{ t.rename(['x', 'y']).rows[0].y }}", {
        t,
      }),
    ).toBe("('id', 'Name') a");
  });

  it('builds api.Column from rows with star arguments, as sql_convert_columns_in_relation does', () => {
    const t = agateTable(
      {
        columns: [
          'column_name',
          'data_type',
          'character_maximum_length',
          'numeric_precision',
          'numeric_scale',
        ].map((name) => ({ name })),
        rows: [
          ['a', 'character varying', 10, null, null],
          ['n', 'numeric', null, 12, 2],
        ],
      },
      opts,
    );
    expect(render('{% for row in t %}{{ api.Column(*row).data_type }};{% endfor %}', { t })).toBe(
      'character varying(10);numeric(12,2);',
    );
  });

  it("load_result's value: response, data as tuples, table", () => {
    const r = statementResult(outcome, opts);
    expect(
      render(
        "{{ r.response }} {{ r['response'].rows_affected }} {{ r.response.code }} {{ r['data'] | map(attribute=0) | list }} {{ r.data[0][:4] }} {{ r.data[0] is sequence }} {{ r.table.rows | length }}",
        { r },
      ),
    ).toBe("SELECT 2 2 SELECT [1, 2] (1, Decimal('1.50'), 'a', True) True 2");
    expect(render('{{ [r.response] }}', { r })).toBe(
      "[AdapterResponse(_message='SELECT 2', code='SELECT', rows_affected=2, query_id=None)]",
    );
  });

  it('hands templates Decimals that convert, compare and compute as in Python', () => {
    expect(
      render(
        "{% set v = t.columns['amount'].values()[0] %}{{ v | int }} {{ v | float }} {{ v is number }} {{ v > 1 }} {{ v * 100 }} {{ v ~ '' }} {{ v | string | float }} {{ v == 1.5 }}",
        { t: table() },
      ),
    ).toBe('1 1.5 True True 150.00 1.50 1.5 True');
  });

  it('deduplicates repeated column names as dbt does', () => {
    const t = agateTable({ columns: [{ name: 'id' }, { name: 'id' }], rows: [[1, 2]] }, opts);
    expect(render('{{ t.column_names }} {{ t.rows[0].id_2 }}', { t })).toBe("('id', 'id_2') 2");
  });
});
