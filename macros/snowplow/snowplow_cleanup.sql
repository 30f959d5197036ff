{#- A complete step's cleanup (spec §2.9), by `<model>__cleanup_mode`: `all` empties the
    intermediate (A-class) and main (B-class) scratch tables, `debug` only the intermediate ones,
    `trace` nothing. Tables are emptied, not dropped: they are models of the DAG, and the next
    run rebuilds them anyway. -#}
{% macro snowplow_cleanup(model, a_class, b_class) -%}
{%- set mode = var(model ~ '__cleanup_mode') -%}
{%- if mode not in ['all', 'debug', 'trace'] -%}
  {{ exceptions.raise_compiler_error("var '" ~ model ~ "__cleanup_mode' is '" ~ mode ~ "': use all, debug or trace") }}
{%- endif -%}
{%- set groups = [a_class, b_class] if mode == 'all' else ([a_class] if mode == 'debug' else []) -%}
{%- for tables in groups %}{% for t in tables %}
delete from {{ ref(t) }};
{%- endfor %}{% endfor %}
{%- endmacro %}
