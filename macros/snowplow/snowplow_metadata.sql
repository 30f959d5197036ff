{#- One `datamodel_metadata` row for a module main (spec §1.6): row counts, key counts and time
    range of its `_this_run` table, and the duplicates it removed. The run id is the
    invocation's start: every module of one `tsmodel run` shares it. -#}
{% macro snowplow_metadata_this_run(model_version, model, module, this_run, distinct_key, time_key, duplicates=none, dup_rows='num_rows') -%}
select
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_id,
    cast('{{ model_version }}' as varchar) as model_version,
    cast('{{ model }}' as varchar) as model,
    cast('{{ module }}' as varchar) as module,
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_start_tstamp,
    cast(current_timestamp as timestamp) as run_end_tstamp,
    cast(count(*) as integer) as rows_this_run,
    cast('{{ distinct_key }}' as varchar) as distinct_key,
    cast(count(distinct {{ distinct_key }}) as integer) as distinct_key_count,
    cast('{{ time_key }}' as varchar) as time_key,
    min({{ time_key }}) as min_time_key,
    max({{ time_key }}) as max_time_key,
{%- if duplicates is none %}
    cast(null as integer) as duplicate_rows_removed,
    cast(null as integer) as distinct_keys_removed
from {{ this_run }}
{%- else %}
    cast((select sum({{ dup_rows }}) from {{ duplicates }}) as integer) as duplicate_rows_removed,
    cast((select count(*) from {{ duplicates }}) as integer) as distinct_keys_removed
from {{ this_run }}
{%- endif %}
{%- endmacro %}

{#- The persistent metadata table: created empty once, appended to by every module main. -#}
{% macro snowplow_metadata_table_sql() -%}
select
    cast(null as timestamp) as run_id,
    cast(null as varchar) as model_version,
    cast(null as varchar) as model,
    cast(null as varchar) as module,
    cast(null as timestamp) as run_start_tstamp,
    cast(null as timestamp) as run_end_tstamp,
    cast(null as integer) as rows_this_run,
    cast(null as varchar) as distinct_key,
    cast(null as integer) as distinct_key_count,
    cast(null as varchar) as time_key,
    cast(null as timestamp) as min_time_key,
    cast(null as timestamp) as max_time_key,
    cast(null as integer) as duplicate_rows_removed,
    cast(null as integer) as distinct_keys_removed
where false
{%- endmacro %}

{#- Upsert bound of a derived table (spec §2.7): the rows of `this_run`'s keys are deleted only
    from `lower = min(time_col of this_run) - lookback_days` onward. Runs as the derived model's
    pre-hook, followed by the model's append of `this_run`. -#}
{% macro snowplow_upsert_delete(target, this_run, key, time_col, lookback_days) -%}
delete from {{ target }}
where {{ key }} in (select {{ key }} from {{ this_run }})
  and {{ time_col }} >= (select {{ dateadd('day', -lookback_days, 'min(' ~ time_col ~ ')') }} from {{ this_run }})
{%- endmacro %}
