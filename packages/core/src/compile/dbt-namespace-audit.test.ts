import { describe, expect, it } from 'vitest';
import { tempProject } from '../project/test-helpers';
import { compileProject } from './compile-project';

/**
 * Issue 12's audit of the `dbt` namespace: every macro it names is callable as `dbt.x` and bare
 * `x` with the same result, and (where dbt dispatches it) is replaced by a project's
 * `duckdb__x` once the project orders the namespace `search_order: [shop, dbt]`. Their values
 * are checked on DuckDB and PostgreSQL by the dbt macro cases (adapter-testkit).
 */
const CALLS: Record<string, string> = {
  dateadd: "('day', 1, 'd')",
  datediff: "('a', 'b', 'day')",
  date_trunc: "('month', 'd')",
  last_day: "('d', 'month')",
  split_part: '("\'a,b\'", "\',\'", 1)',
  replace: "('f', \"'a'\", \"'b'\")",
  concat: "(['a', 'b'])",
  hash: "('f')",
  length: "('f')",
  position: "(\"'a'\", 'f')",
  right: "('f', 2)",
  safe_cast: "('f', 'integer')",
  listagg: "('x', \"','\")",
  array_construct: "(['1'], 'integer')",
  array_append: "('a', '1')",
  array_concat: "('a', 'b')",
  bool_or: "('x')",
  any_value: "('x')",
  cast_bool_to_text: "('x')",
  string_literal: '("it\'s")',
  escape_single_quotes: '("it\'s")',
  except: '()',
  intersect: '()',
  current_timestamp: '()',
  current_timestamp_backcompat: '()',
  current_timestamp_in_utc_backcompat: '()',
  date: '(2024, 2, 9)',
  date_spine: "('day', 'a', 'b')",
  generate_series: '(3)',
  get_powers_of_two: '(5)',
  get_intervals_between: "('a', 'b', 'day')",
  type_string: '()',
  type_timestamp: '()',
  type_float: '()',
  type_numeric: '()',
  type_bigint: '()',
  type_int: '()',
  type_boolean: '()',
  should_full_refresh: '()',
  should_store_failures: '()',
  get_where_subquery: "('t')",
  generate_schema_name: "('custom')",
  generate_alias_name: "('custom')",
  generate_database_name: "('custom')",
};

/** Not dispatched in dbt either: plain helpers over config and flags. */
const NOT_DISPATCHED = new Set(['should_full_refresh', 'should_store_failures']);

const PROJECT = 'name: shop\nversion: "1.0.0"\n';
const DISPATCH_DBT = 'dispatch:\n  - macro_namespace: dbt\n    search_order: [shop, dbt]\n';
const names = Object.keys(CALLS);

/** One model per macro printing `dbt.x(…)`, then `|`, then bare `x(…)`. */
async function compileCalls(extra: Record<string, string>) {
  const models = Object.fromEntries(
    names.map((name) => [
      `models/m_${name}.sql`,
      `{{ dbt.${name}${CALLS[name]} }}|{{ ${name}${CALLS[name]} }}`,
    ]),
  );
  const result = await compileProject({
    projectDir: tempProject({ ...models, ...extra }),
    writeArtifacts: false,
    env: {},
    useCache: false,
  });
  return (name: string) =>
    result.manifest.nodes[`model.shop.m_${name}`]!.compiled_code!.trim().split('|');
}

describe('the dbt namespace holds every macro issue 12 names', () => {
  it('callable as dbt.x and bare x, alike', async () => {
    const rendered = await compileCalls({ 'project.yml': PROJECT });
    for (const name of names) {
      const [qualified, bare] = rendered(name);
      expect(qualified, name).not.toBe('');
      expect(bare, name).toBe(qualified);
    }
  });

  it("each dispatched one replaced by the project's duckdb__x through dispatch:", async () => {
    const dispatched = names.filter((n) => !NOT_DISPATCHED.has(n));
    // A macro reading `varargs` takes any positional arguments, as in Jinja. The naming
    // macros also name every node's relation: there they add the node's name (no clashes).
    const overrides = dispatched
      .map((n) =>
        n.startsWith('generate_')
          ? `{% macro duckdb__${n}(custom, node) %}mine_${n}{{ '_' ~ node.name if node }}{% endmacro %}`
          : `{% macro duckdb__${n}() %}{%- set _ = varargs -%}mine_${n}{% endmacro %}`,
      )
      .join('\n');
    const rendered = await compileCalls({
      'project.yml': PROJECT + DISPATCH_DBT,
      'macros/overrides.sql': overrides,
    });
    for (const name of dispatched)
      expect(rendered(name), name).toEqual([`mine_${name}`, `mine_${name}`]);
  });
});
