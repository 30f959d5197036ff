import { describe, expect, it } from 'vitest';
import { tempProject } from '../project/test-helpers';
import { setInvocationFlags } from '../templating/invocation-flags';
import { compileProject } from './compile-project';

const PROJECT = 'name: shop\nversion: "1.0.0"\n';
const DISPATCH_DBT = 'dispatch:\n  - macro_namespace: dbt\n    search_order: [shop, dbt]\n';

async function compile(files: Record<string, string>) {
  const dir = tempProject(files);
  return compileProject({ projectDir: dir, writeArtifacts: false, env: {}, useCache: false });
}

const sql = (result: Awaited<ReturnType<typeof compile>>, model: string) =>
  result.manifest.nodes[`model.shop.${model}`]!.compiled_code!.trim();

describe('the dbt namespace', () => {
  it('is callable as dbt.x and bare, and dispatches per adapter', async () => {
    const result = await compile({
      'project.yml': PROJECT,
      'models/a.sql':
        "select {{ dbt.type_string() }}, {{ type_float() }}, {{ dbt.dateadd('day', 1, 'd') }}",
    });
    expect(sql(result, 'a')).toBe('select varchar, double, (d + interval (1) day)');
    expect(result.manifest.nodes['model.shop.a']!.depends_on.macros).toContain(
      'macro.dbt.duckdb__dateadd',
    );
  });

  it("takes a project's adapter macro only through dispatch: for the dbt namespace", async () => {
    const files = {
      'models/a.sql': "select {{ dbt.dateadd('day', 1, 'd') }}",
      'macros/dates.sql':
        '{% macro duckdb__dateadd(datepart, interval, from) %}mine({{ interval }}){% endmacro %}',
    };
    const plain = await compile({ 'project.yml': PROJECT, ...files });
    expect(sql(plain, 'a')).toBe('select (d + interval (1) day)');
    const dispatched = await compile({ 'project.yml': PROJECT + DISPATCH_DBT, ...files });
    expect(sql(dispatched, 'a')).toBe('select mine(1)');
  });

  it('lets a root macro of the same name win for bare calls, never for dbt.x', async () => {
    const result = await compile({
      'project.yml': PROJECT,
      'models/a.sql': '{{ type_string() }} / {{ dbt.type_string() }}',
      'macros/types.sql': '{% macro type_string() %}text{% endmacro %}',
    });
    expect(sql(result, 'a')).toBe('text / varchar');
  });

  it('names generic test macros as dbt does', async () => {
    const result = await compile({
      'project.yml': PROJECT,
      'models/a.sql': 'select 1 as id',
      'models/a.yml':
        'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests: [not_null]\n',
    });
    const test = Object.values(result.manifest.nodes).find((n) => n.resource_type === 'test')!;
    expect(test.depends_on.macros).toContain('macro.dbt.test_not_null');
  });
});

describe('generate_*_name in the dbt namespace', () => {
  it('lets a root override call default__generate_schema_name', async () => {
    const result = await compile({
      'project.yml': PROJECT,
      'models/a.sql': "{{ config(schema='marts') }}select 1",
      'macros/naming.sql': `{% macro generate_schema_name(custom_schema_name, node) -%}
        {{ default__generate_schema_name(custom_schema_name, node) }}_x
      {%- endmacro %}`,
    });
    expect(result.manifest.nodes['model.shop.a']!.relation!.schema).toBe('main_marts_x');
  });

  it('takes a default__ override through dispatch: for the dbt namespace', async () => {
    const result = await compile({
      'project.yml': PROJECT + DISPATCH_DBT,
      'models/a.sql': "{{ config(schema='marts', alias='b') }}select 1",
      'macros/naming.sql': `{% macro default__generate_schema_name(custom_schema_name, node) -%}
        {{ custom_schema_name }}
      {%- endmacro %}
      {% macro default__generate_alias_name(custom_alias_name, node) -%}
        {{ node.name }}_{{ custom_alias_name }}
      {%- endmacro %}`,
    });
    expect(result.manifest.nodes['model.shop.a']!.relation).toEqual({
      database: 'shop',
      schema: 'marts',
      identifier: 'a_b',
    });
  });

  it('offers generate_schema_name_for_env', async () => {
    const result = await compile({
      'project.yml': PROJECT,
      'models/a.sql': "{{ config(schema='marts') }}select 1",
      'macros/naming.sql': `{% macro generate_schema_name(custom_schema_name, node) -%}
        {{ generate_schema_name_for_env(custom_schema_name, node) }}
      {%- endmacro %}`,
    });
    // The embedded target is named dev, so the custom schema is ignored.
    expect(result.manifest.nodes['model.shop.a']!.relation!.schema).toBe('main');
  });
});

describe('materialization helpers', () => {
  const render = async (model: string, flags: Parameters<typeof setInvocationFlags>[1]) => {
    const result = await compile({ 'project.yml': PROJECT, 'models/a.sql': 'select 1' });
    setInvocationFlags(result.engine.env, flags);
    return result.renderAdHoc(model, { name: 'check' });
  };

  it('should_full_refresh: the full_refresh config wins over --full-refresh', async () => {
    expect(await render('{{ should_full_refresh() }}', { FULL_REFRESH: true })).toBe('True');
    expect(await render('{{ should_full_refresh() }}', {})).toBe('False');
    expect(
      await render('{{ config(full_refresh=false) }}{{ should_full_refresh() }}', {
        FULL_REFRESH: true,
      }),
    ).toBe('False');
  });

  it('should_store_failures: the store_failures config wins over --store-failures', async () => {
    expect(await render('{{ should_store_failures() }}', { STORE_FAILURES: true })).toBe('True');
    expect(await render('{{ config(store_failures=true) }}{{ should_store_failures() }}', {})).toBe(
      'True',
    );
  });

  it("get_where_subquery filters by the node's where config", async () => {
    expect(await render("{{ get_where_subquery('t') }}", {})).toBe('t');
    expect(await render("{{ config(where='x > 1') }}{{ dbt.get_where_subquery('t') }}", {})).toBe(
      '(select * from t where x > 1) dbt_subquery',
    );
  });
});
