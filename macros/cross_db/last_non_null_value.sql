{#- Last non-NULL `column` in the whole window `partition by <partition_by> order by <order_by>`
    (the full frame, so every row of a partition gets the same value). -#}
{% macro last_non_null_value(column, partition_by, order_by) %}
  {{- return(adapter.dispatch('last_non_null_value', 'tsmodel_sessionization')(column, partition_by, order_by)) -}}
{% endmacro %}

{% macro default__last_non_null_value(column, partition_by, order_by) -%}
  last_value({{ column }} ignore nulls) over (partition by {{ partition_by }} order by {{ order_by }} rows between unbounded preceding and unbounded following)
{%- endmacro %}

{% macro snowflake__last_non_null_value(column, partition_by, order_by) -%}
  last_value({{ column }}) ignore nulls over (partition by {{ partition_by }} order by {{ order_by }} rows between unbounded preceding and unbounded following)
{%- endmacro %}

{#- Postgres has no IGNORE NULLS: sort NULLs first so the frame's last row holds the last non-NULL. -#}
{% macro postgres__last_non_null_value(column, partition_by, order_by) -%}
  last_value({{ column }}) over (partition by {{ partition_by }} order by ({{ column }} is not null), {{ order_by }} rows between unbounded preceding and unbounded following)
{%- endmacro %}

{% macro redshift__last_non_null_value(column, partition_by, order_by) -%}
  last_value({{ column }} ignore nulls) over (partition by {{ partition_by }} order by {{ order_by }} rows between unbounded preceding and unbounded following)
{%- endmacro %}
