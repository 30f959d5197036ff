import { expect } from 'vitest';
import { awaiting } from './awaiting';
import { suiteProject } from './suite-project';
import type { DbtSuiteTarget } from './suite-target';

/** dbt's is_type test: each column's Column.is_* answers, read with get_columns_in_relation. */
const IS_TYPE = `{% macro simple_type_check_column(column, check) %}
  {% if check == 'string' %}{{ return(column.is_string()) }}
  {% elif check == 'float' %}{{ return(column.is_float()) }}
  {% elif check == 'number' %}{{ return(column.is_number()) }}
  {% elif check == 'numeric' %}{{ return(column.is_numeric()) }}
  {% elif check == 'integer' %}{{ return(column.is_integer()) }}
  {% else %}{% do exceptions.raise_compiler_error('invalid type check value: ' ~ check) %}{% endif %}
{% endmacro %}

{% macro type_check_column(column, type_checks) %}
  {% set failures = [] %}
  {% for check in type_checks %}
    {% if check.startswith('not ') %}
      {% if simple_type_check_column(column, check[4:]) %}{% do failures.append(check) %}{% endif %}
    {% elif not simple_type_check_column(column, check) %}{% do failures.append(check) %}{% endif %}
  {% endfor %}
  {% do return((failures | length) == 0) %}
{% endmacro %}

{% test is_type(model, column_map) %}
  {% if not execute %}{{ return(None) }}{% endif %}
  {% set columns = adapter.get_columns_in_relation(model) %}
  {% if (column_map | length) != (columns | length) %}
    {% do exceptions.raise_compiler_error('columns and column_map differ') %}
  {% endif %}
  {% set bad = [] %}
  {% for column in columns %}
    {% if not type_check_column(column, column_map[column.name | lower]) %}{% do bad.append(column.name) %}{% endif %}
  {% endfor %}
  {% for b in bad %}select '{{ b }}' as bad_column {{ 'union all' if not loop.last }}{% endfor %}
  select * from (select 1 limit 0) as nothing
{% endtest %}
`;

/** dbt's column_types/test_column_types.py (its PostgreSQL variant; DuckDB takes `::` too). */
export function registerColumnTypes(target: DbtSuiteTarget): void {
  // DuckDB reports `numeric` as `DECIMAL(18,3)`, sizes inside the dtype (column-profiles.ts).
  awaiting('runtime', 'test_run_and_test: Column.is_* of every column type', async () => {
    const p = suiteProject(target, 'column_types', {
      'macros/test_is_type.sql': IS_TYPE,
      'models/model.sql': `select 1::smallint as smallint_col, 2::integer as int_col, 3::bigint as bigint_col,
  4.0::real as real_col, 5.0::double precision as double_col, 6.0::numeric as numeric_col,
  '7'::text as text_col, '8'::varchar(20) as varchar_col
`,
      'models/schema.yml': `version: 2
models:
  - name: model
    data_tests:
      - is_type:
          column_map:
            smallint_col: ['integer', 'number']
            int_col: ['integer', 'number']
            bigint_col: ['integer', 'number']
            real_col: ['float', 'number']
            double_col: ['float', 'number']
            numeric_col: ['numeric', 'number']
            text_col: ['string', 'not number']
            varchar_col: ['string', 'not number']
`,
    });
    expect((await p.run(['run'])).results).toHaveLength(1);
    expect((await p.run(['test'])).results).toHaveLength(1);
  });
}
