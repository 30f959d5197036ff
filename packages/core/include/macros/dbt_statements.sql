{#- Statements a template sends to the warehouse. While parsing (`execute` is false) nothing is
    sent and results are empty, as in dbt; the node is then rendered again just in time at run
    time, when the statement runs once and its result is kept under `name` for load_result. -#}
{% macro statement(name=None, fetch_result=False, auto_begin=True, language='sql') -%}
  {%- if execute -%}
    {%- set sql = caller() -%}
    {%- set response, table = adapter.execute(sql, auto_begin=auto_begin, fetch=fetch_result) -%}
    {%- if name is not none -%}
      {{- store_result(name, response=response, agate_table=table) -}}
    {%- endif -%}
  {%- endif -%}
{%- endmacro %}

{#- Records a result under `name` without running anything (materializations report with it). -#}
{% macro noop_statement(name=None, message=None, code=None, rows_affected=None, res=None) -%}
  {%- set sql = caller() -%}
  {%- if name is not none -%}
    {{- store_result(name, response=message, agate_table=res) -}}
  {%- endif -%}
{%- endmacro %}

{#- The result table of `sql` (dbt's agate table); None while parsing. -#}
{% macro run_query(sql) -%}
  {%- call statement('run_query_statement', fetch_result=true, auto_begin=false) -%}
    {{ sql }}
  {%- endcall -%}
  {{ return(load_result('run_query_statement').table if execute else none) }}
{%- endmacro %}
