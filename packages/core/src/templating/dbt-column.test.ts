import { describe, expect, it } from 'vitest';
import { TemplateEngine, type RenderTarget } from './template-engine';
import type { TemplatingDialect } from '../adapter/dialect';
import { columnApi } from './api-column';

const DIALECTS: Record<string, TemplatingDialect> = {
  postgres: { type: 'postgres', dispatchOrder: ['postgres'], quoteCharacter: '"' },
  redshift: { type: 'redshift', dispatchOrder: ['redshift', 'postgres'], quoteCharacter: '"' },
  snowflake: { type: 'snowflake', dispatchOrder: ['snowflake'], quoteCharacter: '"' },
  duckdb: { type: 'duckdb', dispatchOrder: ['duckdb'], quoteCharacter: '"' },
};

const model: RenderTarget = {
  uniqueId: 'model.proj.a',
  name: 'a',
  packageName: 'proj',
  resourceType: 'model',
  file: 'models/a.sql',
  baseConfig: {},
};

/** Renders `source` with `api.Column` of `adapter` (and `extra` globals) as dbt would see them. */
function render(adapter: string, source: string, extra: Record<string, unknown> = {}): string {
  const dialect = DIALECTS[adapter]!;
  const e = new TemplateEngine({
    rootProject: 'proj',
    target: { type: adapter, name: 'dev', profile_name: 'p', schema: 's', threads: 1 },
    dialect,
    vars: () => ({ found: false }),
    env: {},
    dispatch: [],
    invocationId: 'i',
    runStartedAt: new Date(0),
  });
  e.env.addGlobal('api', { Column: columnApi(dialect) });
  for (const [k, v] of Object.entries(extra)) e.env.addGlobal(k, v);
  return e.render(model, source, { isIncremental: false, execute: true }).sql;
}

describe('api.Column', () => {
  it('renders data_type with sizes as the base Column does (redshift)', () => {
    expect(
      render(
        'redshift',
        "{{ api.Column('a', 'character varying', char_size=10).data_type }}|{{ api.Column('a', 'text').data_type }}|" +
          "{{ api.Column(column='n', dtype='numeric', numeric_precision=12, numeric_scale=2).data_type }}|" +
          "{{ api.Column('n', 'numeric').data_type }}|{{ api.Column('i', 'integer').data_type }}",
      ),
    ).toBe('character varying(10)|character varying(256)|numeric(12,2)|numeric|integer');
  });

  it("keeps Postgres' unsized text types as written", () => {
    expect(
      render(
        'postgres',
        "{{ api.Column('a', 'text').data_type }}|{{ api.Column('a', 'character varying').data_type }}|{{ api.Column('a', 'character varying', 5).data_type }}",
      ),
    ).toBe('text|character varying|character varying(5)');
  });

  it('answers the type tests per adapter', () => {
    const src =
      "{% set c = api.Column('x', dtype) %}{{ c.is_integer() }} {{ c.is_numeric() }} {{ c.is_number() }} {{ c.is_float() }} {{ c.is_string() }}";
    expect(render('postgres', src, { dtype: 'integer' })).toBe('True False True False False');
    expect(render('snowflake', src, { dtype: 'integer' })).toBe('False True True False False');
    expect(render('duckdb', src, { dtype: 'HUGEINT' })).toBe('True False True False False');
    expect(render('postgres', src, { dtype: 'HUGEINT' })).toBe('False False False False False');
    expect(render('duckdb', src, { dtype: 'VARCHAR' })).toBe('False False False False True');
    // DuckDB's DESCRIBE puts a decimal's sizes in the dtype; other adapters' dtypes have none.
    expect(render('duckdb', src, { dtype: 'DECIMAL(18,3)' })).toBe('False True True False False');
    expect(render('duckdb', src, { dtype: 'decimal(10, 2)' })).toBe('False True True False False');
    expect(render('postgres', src, { dtype: 'numeric(18,3)' })).toBe(
      'False False False False False',
    );
  });

  it('has the classmethods templates call, positionally and by keyword', () => {
    expect(
      render(
        'postgres',
        "{{ api.Column.translate_type('string') }} {{ api.Column.translate_type('int') }} {{ api.Column.string_type(255) }} " +
          "{{ api.Column.numeric_type('numeric', 12, 2) }} {{ api.Column.numeric_type(dtype='numeric', precision=none, scale=2) }} " +
          "{{ api.Column.create('c', 'string').data_type }}",
      ),
    ).toBe('TEXT int character varying(255) numeric(12,2) numeric TEXT');
  });

  it('name, quoted, literal, string_size and can_expand_to', () => {
    expect(
      render(
        'redshift',
        "{% set a = api.Column('Id', 'varchar', 10) %}{% set b = api.Column('b', 'varchar', 20) %}" +
          "{{ a.name }} {{ a.quoted }} {{ a.column }} {{ a.dtype }} {{ a.literal('1') }} {{ a.string_size() }} " +
          '{{ a.can_expand_to(b) }} {{ b.can_expand_to(other_column=a) }}',
      ),
    ).toBe('Id "Id" Id varchar 1::character varying(10) 10 True False');
    expect(() => render('redshift', "{{ api.Column('i', 'integer').string_size() }}")).toThrow(
      /Called string_size\(\) on non-string field!/,
    );
  });

  it('prints as the dataclass repr of the adapter class', () => {
    expect(render('postgres', "{{ [api.Column('id', 'integer')] }}")).toBe(
      "[PostgresColumn(column='id', dtype='integer', char_size=None, numeric_precision=None, numeric_scale=None)]",
    );
    expect(
      render(
        'snowflake',
        "{{ api.Column.from_description('C', \"VARCHAR(10) COLLATE 'en-ci'\") }}",
      ),
    ).toBe(
      "SnowflakeColumn(column='C', dtype='VARCHAR', char_size=10, numeric_precision=None, numeric_scale=None, collation='en-ci')",
    );
    expect(
      render('redshift', "{{ api.Column('id', 'integer') == api.Column('id', 'integer') }}"),
    ).toBe('True');
  });

  it('from_description parses sizes; Snowflake strings default to 16777216', () => {
    expect(
      render(
        'snowflake',
        "{% set c = api.Column.from_description('n', 'NUMBER(38,0)') %}{{ c.dtype }} {{ c.numeric_precision }} {{ c.numeric_scale }} {{ c.data_type }} " +
          "{{ api.Column.from_description('s', 'VARCHAR').data_type }} {{ api.Column.from_description('s', \"VARCHAR(5) COLLATE 'en-ci'\").expanded_data_type }} " +
          "{{ api.Column.from_description('a', 'ARRAY(VARCHAR(134217728))').dtype }}",
      ),
    ).toBe(
      "NUMBER 38 0 NUMBER(38,0) character varying(16777216) character varying(5) collate 'en-ci' ARRAY(VARCHAR(16777216))",
    );
    expect(() =>
      render('redshift', "{{ api.Column.from_description('x', 'numeric(a,b)') }}"),
    ).toThrow(/could not convert "a" to an integer/);
  });

  it('builds columns from introspection as each adapter reads its catalog', () => {
    const pg = columnApi(DIALECTS.postgres!);
    const c = pg.fromColumnDef({ name: 'a', dataType: 'character varying(256)' });
    expect([c.dtype, c.char_size, c.data_type]).toEqual([
      'character varying',
      256,
      'character varying(256)',
    ]);
    const n = pg.fromColumnDef({ name: 'n', dataType: 'numeric(12,2)' });
    expect([n.dtype, n.numeric_precision, n.numeric_scale, n.data_type]).toEqual([
      'numeric',
      12,
      2,
      'numeric(12,2)',
    ]);
    expect(pg.fromColumnDef({ name: 't', dataType: 'timestamp(3) without time zone' }).dtype).toBe(
      'timestamp without time zone',
    );
    const duck = columnApi(DIALECTS.duckdb!);
    const d = duck.fromColumnDef({ name: 'd', dataType: 'DECIMAL(18,3)' });
    expect([d.dtype, d.numeric_precision, d.data_type]).toEqual([
      'DECIMAL(18,3)',
      null,
      'DECIMAL(18,3)',
    ]);
    expect(duck.fromColumnDef({ name: 'v', dataType: 'VARCHAR' }).data_type).toBe(
      'character varying(256)',
    );
    const sf = columnApi(DIALECTS.snowflake!).fromColumnDef({
      name: 'N',
      dataType: 'NUMBER(38,0)',
    });
    expect([sf.dtype, sf.numeric_precision, sf.numeric_scale]).toEqual(['NUMBER', 38, 0]);
  });

  it('flattens DuckDB STRUCT columns into their fields', () => {
    expect(
      render(
        'duckdb',
        "{% for f in api.Column('s', 'STRUCT(a VARCHAR, b STRUCT(c DECIMAL(10, 2)))').flatten() %}{{ f.name }}:{{ f.dtype }};{% endfor %}",
      ),
    ).toBe('s.a:VARCHAR;s.b.c:DECIMAL(10, 2);');
  });
});
