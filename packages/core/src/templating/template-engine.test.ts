import { describe, expect, it } from 'vitest';
import { TemplateEngine, type TemplateEngineOptions, type RenderTarget } from './template-engine';
import { replaceMarkers, decodeKey } from './relation-placeholder';
import { TsmodelError } from '../diagnostics';

function engine(overrides: Partial<TemplateEngineOptions> = {}): TemplateEngine {
  return new TemplateEngine({
    rootProject: 'proj',
    target: { type: 'redshift', name: 'dev', profile_name: 'p', schema: 'analytics', threads: 1 },
    dialect: { type: 'redshift', dispatchOrder: ['redshift', 'postgres'], quoteCharacter: '"' },
    vars: (name) => (name === 'known' ? { found: true, value: 42 } : { found: false }),
    env: { HOME_X: 'h' },
    dispatch: [],
    invocationId: 'inv-1',
    runStartedAt: new Date('2024-05-06T07:08:09Z'),
    ...overrides,
  });
}

const model = (name = 'a', pkg = 'proj'): RenderTarget => ({
  uniqueId: `model.${pkg}.${name}`,
  name,
  packageName: pkg,
  resourceType: 'model',
  file: `models/${name}.sql`,
  baseConfig: { materialized: 'view' },
});

const plain = (sql: string) =>
  replaceMarkers(sql, (key, part) => {
    const k = decodeKey(key);
    const base =
      k.kind === 'ref'
        ? `${k.pkg ? k.pkg + '/' : ''}${k.name}`
        : k.kind === 'source'
          ? `${k.source}.${k.table}`
          : 'THIS';
    return part ? `${base}#${part}` : base;
  });

describe('TemplateEngine', () => {
  it('records refs, sources and config calls and leaves markers', () => {
    const e = engine();
    const { sql, capture } = e.render(
      model(),
      "{{ config(materialized='table', tags=['x']) }}select * from {{ ref('b') }} join {{ ref('pkg', 'c') }} join {{ source('s', 't') }} -- {{ this }} {{ this.schema }}",
      { isIncremental: false, execute: false },
    );
    expect(plain(sql)).toBe('select * from b join pkg/c join s.t -- THIS THIS#schema');
    expect(capture.refs).toEqual([{ name: 'b' }, { pkg: 'pkg', name: 'c' }]);
    expect(capture.sources).toEqual([{ source: 's', table: 't' }]);
    expect(capture.configCalls).toEqual([{ materialized: 'table', tags: ['x'] }]);
  });

  it('answers config.get from folder config and earlier config calls', () => {
    const { sql } = engine().render(
      model(),
      "{{ config.get('materialized') }} {{ config(materialized='table') }}{{ config.get('materialized') }} {{ config.get('nope', 'd') }}",
      { isIncremental: false, execute: false },
    );
    expect(sql).toBe('view table d');
  });

  it('is_incremental follows the render options', () => {
    const src = '{% if is_incremental() %}inc{% else %}full{% endif %}';
    expect(engine().render(model(), src, { isIncremental: true, execute: true }).sql).toBe('inc');
    expect(engine().render(model(), src, { isIncremental: false, execute: false }).sql).toBe(
      'full',
    );
  });

  it('resolves vars through the lookup, records them, and fails on a missing var naming the model', () => {
    const e = engine();
    const r = e.render(model(), "{{ var('known') }} {{ var('other', 'dflt') }}", {
      isIncremental: false,
      execute: false,
    });
    expect(r.sql).toBe('42 dflt');
    expect(r.capture.vars).toEqual({ known: '42', other: null });
    let err: unknown;
    try {
      e.render(model(), "select 1\nwhere x = {{ var('missing_one') }}", {
        isIncremental: false,
        execute: false,
      });
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(TsmodelError);
    expect((err as TsmodelError).format()).toBe(
      "models/a.sql:2:17 required var 'missing_one' is not set for model.proj.a — set it under vars: in project.yml, pass --vars '{missing_one: …}', or give var('missing_one', default) a default\n    where x = {{ var('missing_one') }}",
    );
  });

  it('makes macros of every file callable everywhere, with return() and {% do %}', () => {
    const e = engine();
    expect(
      e.loadMacros([
        {
          packageName: 'proj',
          path: 'macros/a.sql',
          text: "{% macro cols() %}{% set l = [] %}{% do l.append('a') %}{% do l.append('b') %}{{ return(l) }}{% endmacro %}",
        },
        {
          packageName: 'proj',
          path: 'macros/b.sql',
          text: "{% macro select_cols() %}{{ cols() | join(', ') }} from {{ this }}{% endmacro %}\n{% macro shout(x) %}{{ x.upper() }}{% endmacro %}",
        },
      ]),
    ).toEqual([]);
    const r = e.render(
      model(),
      'select {{ select_cols() }} {{ shout("hi") }} {{ proj.shout("ns") }}',
      { isIncremental: false, execute: false },
    );
    expect(plain(r.sql)).toBe('select a, b from THIS HI NS');
    expect(r.capture.macros).toEqual(['proj.select_cols', 'proj.cols', 'proj.shout']);
  });

  it('records a read of this or is_incremental(), in the template or in a macro it calls', () => {
    const e = engine();
    e.loadMacros([
      {
        packageName: 'proj',
        path: 'macros/m.sql',
        text: '{% macro latest() %}(select max(id) from {{ this }}){% endmacro %}\n{% macro plain() %}1{% endmacro %}\n{% macro guarded() %}{% if is_incremental() %}x{% endif %}{% endmacro %}',
      },
    ]);
    const used = (sql: string) =>
      e.render(model(), sql, { isIncremental: false, execute: false }).capture.usedThis;
    expect(used('select {{ latest() }}')).toBe(true);
    expect(used('select {{ guarded() }}')).toBe(true);
    expect(used('select {{ this }}')).toBe(true);
    expect(used('{% if is_incremental() %}where 1{% endif %}')).toBe(true);
    expect(used('select {{ plain() }}, 1 as this')).toBe(false);
    expect(used("select * from {{ ref('b') }}")).toBe(false);
  });

  it('root macros override package macros; packages are namespaces', () => {
    const e = engine();
    e.loadMacros([
      { packageName: 'pkg', path: 'macros/m.sql', text: '{% macro who() %}pkg{% endmacro %}' },
      { packageName: 'proj', path: 'macros/m.sql', text: '{% macro who() %}root{% endmacro %}' },
    ]);
    expect(
      e.render(model(), '{{ who() }} {{ pkg.who() }}', { isIncremental: false, execute: false })
        .sql,
    ).toBe('root pkg');
  });

  it('dispatches redshift → postgres → default', () => {
    const e = engine();
    e.loadMacros([
      {
        packageName: 'proj',
        path: 'macros/d.sql',
        text: `{% macro datediff(a, b) %}{{ return(adapter.dispatch('datediff')(a, b)) }}{% endmacro %}
{% macro default__datediff(a, b) %}default({{ a }},{{ b }}){% endmacro %}
{% macro postgres__datediff(a, b) %}pg({{ a }},{{ b }}){% endmacro %}
{% macro default__only_default() %}d{% endmacro %}`,
      },
    ]);
    const sql = e.render(
      model(),
      "{{ datediff('x', 'y') }} {{ adapter.dispatch('only_default')() }}",
      { isIncremental: false, execute: false },
    ).sql;
    expect(sql).toBe('pg(x,y) d');
    const duck = engine({
      target: { type: 'duckdb', name: 'dev', profile_name: 'p', schema: 'main', threads: 1 },
      dialect: { type: 'duckdb', dispatchOrder: ['duckdb'], quoteCharacter: '"' },
    });
    duck.loadMacros([
      {
        packageName: 'proj',
        path: 'macros/d.sql',
        text: '{% macro default__f() %}default{% endmacro %}{% macro postgres__f() %}pg{% endmacro %}',
      },
    ]);
    expect(
      duck.render(model(), "{{ adapter.dispatch('f')() }}", {
        isIncremental: false,
        execute: false,
      }).sql,
    ).toBe('default');
    expect(() =>
      duck.render(model(), "{{ adapter.dispatch('nothing')() }}", {
        isIncremental: false,
        execute: false,
      }),
    ).toThrow(/found no macro among duckdb__nothing, default__nothing/);
  });

  it("tries tsmodel's shim for a package right after the package's own adapter macro", () => {
    const duck = (dispatch: TemplateEngineOptions['dispatch'] = []) => {
      const e = engine({
        target: { type: 'duckdb', name: 'dev', profile_name: 'p', schema: 'main', threads: 1 },
        dialect: { type: 'duckdb', dispatchOrder: ['duckdb'], quoteCharacter: '"' },
        dispatch,
      });
      e.loadMacros([
        {
          packageName: 'dbt',
          path: '<tsmodel>/macros/shims.sql',
          text: '{% macro duckdb__utils__f() %}shim{% endmacro %}{% macro duckdb__utils__g() %}shim{% endmacro %}',
        },
        {
          packageName: 'utils',
          path: 'macros/f.sql',
          text: '{% macro default__f() %}utils-default{% endmacro %}{% macro default__g() %}utils-default{% endmacro %}{% macro duckdb__g() %}utils-duckdb{% endmacro %}{% macro default__h() %}utils-default{% endmacro %}',
        },
        {
          packageName: 'proj',
          path: 'macros/f.sql',
          text: '{% macro default__f() %}proj-default{% endmacro %}',
        },
      ]);
      return e;
    };
    const render = (e: TemplateEngine, sql: string) =>
      e.render(model(), sql, { isIncremental: false, execute: false }).sql;
    const calls =
      "{{ adapter.dispatch('f', 'utils')() }} {{ adapter.dispatch('g', 'utils')() }} {{ adapter.dispatch('h', 'utils')() }}";
    // The shim beats the package's default__; the package's own duckdb__ beats the shim.
    expect(render(duck(), calls)).toBe('shim utils-duckdb utils-default');
    // A project ahead in the search order wins, even with a default__.
    expect(
      render(duck([{ macro_namespace: 'utils', search_order: ['proj', 'utils'] }]), calls),
    ).toBe('proj-default utils-duckdb utils-default');
    // Other adapters never see a DuckDB shim.
    const red = engine();
    red.loadMacros([
      {
        packageName: 'dbt',
        path: '<tsmodel>/s.sql',
        text: '{% macro duckdb__utils__f() %}shim{% endmacro %}',
      },
      {
        packageName: 'utils',
        path: 'macros/f.sql',
        text: '{% macro default__f() %}utils-default{% endmacro %}',
      },
    ]);
    expect(render(red, "{{ adapter.dispatch('f', 'utils')() }}")).toBe('utils-default');
  });

  it('reports template syntax errors with file, line and the offending line', () => {
    let err: TsmodelError | undefined;
    try {
      engine().render(model(), "select 1\nfrom {{ ref('a' }}", {
        isIncremental: false,
        execute: false,
      });
    } catch (x) {
      err = x as TsmodelError;
    }
    expect(err?.format()).toBe(
      "models/a.sql:2:17 template syntax error: expected `,` or `)` in the arguments of a call\n    from {{ ref('a' }}",
    );
  });

  it('raise_compiler_error and env_var', () => {
    const e = engine();
    expect(
      e.render(model(), "{{ env_var('HOME_X') }} {{ env_var('NOPE', 'd') }}", {
        isIncremental: false,
        execute: false,
      }).sql,
    ).toBe('h d');
    expect(() =>
      e.render(model(), "{{ env_var('NOPE') }}", { isIncremental: false, execute: false }),
    ).toThrow(/env var 'NOPE' is not set/);
    expect(() =>
      e.render(model(), "\n{{ exceptions.raise_compiler_error('boom') }}", {
        isIncremental: false,
        execute: false,
      }),
    ).toThrow(/boom/);
  });

  it('marks renders that read the clock or invocation id as volatile', () => {
    const e = engine();
    const r = e.render(model(), "{{ run_started_at.strftime('%Y-%m-%d') }} {{ invocation_id }}", {
      isIncremental: false,
      execute: false,
    });
    expect(r.sql).toBe('2024-05-06 inv-1');
    expect(r.capture.volatile).toBe(true);
    expect(e.render(model(), 'x', { isIncremental: false, execute: false }).capture.volatile).toBe(
      false,
    );
  });

  it('tracks target use', () => {
    const r = engine().render(model(), '{{ target.name }}', {
      isIncremental: false,
      execute: false,
    });
    expect(r.sql).toBe('dev');
    expect(r.capture.usedTarget).toBe(true);
  });
});
