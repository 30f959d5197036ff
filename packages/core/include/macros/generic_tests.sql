{#
  The built-in generic tests: unique, not_null, accepted_values, relationships.
  Same names, arguments and SQL as dbt-core's generic_test_sql, so a dbt project's YAML tests
  and its own overrides (`{% test unique(model, column_name) %}` in the project) behave the
  same. A test passes when its query returns no rows. Plain SQL that runs unchanged on DuckDB,
  PostgreSQL, Redshift and Snowflake. `model` is a relation, or the `where` subquery.
#}

{% test unique(model, column_name) %}

select
    {{ column_name }} as unique_field,
    count(*) as n_records

from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1

{% endtest %}

{% test not_null(model, column_name) %}

{#- dbt stores whole failing rows when store_failures is on, else only the column. -#}
{% set column_list = '*' if (should_store_failures is defined and should_store_failures()) else column_name %}

select {{ column_list }}
from {{ model }}
where {{ column_name }} is null

{% endtest %}

{% test accepted_values(model, column_name, values, quote=true) %}

with all_values as (

    select
        {{ column_name }} as value_field,
        count(*) as n_records

    from {{ model }}
    group by {{ column_name }}

)

select *
from all_values
where value_field not in (
    {% for value in values -%}
        {% if quote -%}
        '{{ value | replace("'", "''") }}'
        {%- else -%}
        {{ value }}
        {%- endif -%}
        {%- if not loop.last -%},{%- endif %}
    {%- endfor %}
)

{% endtest %}

{% test relationships(model, column_name, to, field) %}

with child as (
    select {{ column_name }} as from_field
    from {{ model }}
    where {{ column_name }} is not null
),

parent as (
    select {{ field }} as to_field
    from {{ to }}
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null

{% endtest %}
