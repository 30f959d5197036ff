{#
  The helpers of dbt's materializations that packages call from their own macros and tests.
  `flags` is the invocation's flags (FULL_REFRESH, STORE_FAILURES, WHICH).
#}

{#- The node's `full_refresh` config when set (false protects a model), else --full-refresh. -#}
{% macro should_full_refresh() -%}
  {%- set configured = config.get('full_refresh') -%}
  {{ return(flags.FULL_REFRESH if configured is none else configured) }}
{%- endmacro %}

{#- The node's `store_failures` config when set, else --store-failures. -#}
{% macro should_store_failures() -%}
  {%- set configured = config.get('store_failures') -%}
  {{ return(flags.STORE_FAILURES if configured is none else configured) }}
{%- endmacro %}

{#- What a test reads: `relation`, or only its rows matching the test's `where` config. -#}
{% macro get_where_subquery(relation) -%}
  {{ return(adapter.dispatch('get_where_subquery', 'dbt')(relation)) }}
{%- endmacro %}

{% macro default__get_where_subquery(relation) -%}
  {%- set where = config.get('where') -%}
  {%- if where -%}
    {{ return('(select * from ' ~ relation ~ ' where ' ~ where ~ ') dbt_subquery') }}
  {%- else -%}
    {{ return(relation) }}
  {%- endif -%}
{%- endmacro %}

{#- A hook that runs outside the node's transaction: before it begins, or after it commits.
    `{{ config(post_hook=after_commit("vacuum " ~ this)) }}`. The hook dict is JSON text, which
    hooks read as dbt does, so it also works printed: `post-hook: "{{ after_commit('…') }}"`. -#}
{% macro before_begin(sql) -%}
  {{ return(tojson({'sql': sql, 'transaction': false})) }}
{%- endmacro %}

{% macro after_commit(sql) -%}
  {{ return(tojson({'sql': sql, 'transaction': false})) }}
{%- endmacro %}

{#- `{% call set_sql_header(config) %} set timezone = 'UTC'; {% endcall %}` in a model: SQL that
    runs right before the model is built from its select, in the same session and transaction
    (its `sql_header` config). -#}
{% macro set_sql_header(config) -%}
  {{ config.set('sql_header', caller()) }}
{%- endmacro %}
