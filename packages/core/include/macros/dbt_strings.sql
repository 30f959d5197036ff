{#
  dbt's cross-database string macros, dispatched in the `dbt` namespace (see dbt_dates.sql).
  Arguments are SQL expressions unless named otherwise: `dbt.replace('name', "'a'", "'b'")`.
#}

{#- The `part_number`-th piece of `string_text` split on `delimiter_text`; negative counts from
    the end. A piece that does not exist is ''. -#}
{% macro split_part(string_text, delimiter_text, part_number) -%}
  {{ return(adapter.dispatch('split_part', 'dbt')(string_text, delimiter_text, part_number)) }}
{%- endmacro %}

{% macro default__split_part(string_text, delimiter_text, part_number) -%}
  split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- endmacro %}

{#- Redshift's split_part takes no negative part: split the reversed string instead. -#}
{% macro redshift__split_part(string_text, delimiter_text, part_number) -%}
  {%- if (part_number | int) < 0 -%}
  reverse(split_part(reverse({{ string_text }}), reverse({{ delimiter_text }}), {{ -(part_number | int) }}))
  {%- else -%}
  split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
  {%- endif -%}
{%- endmacro %}

{% macro replace(field, old_chars, new_chars) -%}
  {{ return(adapter.dispatch('replace', 'dbt')(field, old_chars, new_chars)) }}
{%- endmacro %}

{% macro default__replace(field, old_chars, new_chars) -%}
  replace({{ field }}, {{ old_chars }}, {{ new_chars }})
{%- endmacro %}

{#- `fields` is a list of SQL expressions. A NULL field makes the result NULL on Redshift and
    Snowflake and is skipped on DuckDB and PostgreSQL, as each engine's concat does. -#}
{% macro concat(fields) -%}
  {{ return(adapter.dispatch('concat', 'dbt')(fields)) }}
{%- endmacro %}

{% macro default__concat(fields) -%}
  concat({{ fields | join(', ') }})
{%- endmacro %}

{#- Redshift's concat takes exactly two arguments. -#}
{% macro redshift__concat(fields) -%}
  {{ fields | join(' || ') }}
{%- endmacro %}

{#- The lowercase hex md5 of `field` as text. -#}
{% macro hash(field) -%}
  {{ return(adapter.dispatch('hash', 'dbt')(field)) }}
{%- endmacro %}

{% macro default__hash(field) -%}
  md5(cast({{ field }} as {{ dbt.type_string() }}))
{%- endmacro %}

{% macro length(expression) -%}
  {{ return(adapter.dispatch('length', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__length(expression) -%}
  length({{ expression }})
{%- endmacro %}

{% macro redshift__length(expression) -%}
  len({{ expression }})
{%- endmacro %}

{#- The 1-based position of `substring_text` in `string_text`, 0 when absent. -#}
{% macro position(substring_text, string_text) -%}
  {{ return(adapter.dispatch('position', 'dbt')(substring_text, string_text)) }}
{%- endmacro %}

{% macro default__position(substring_text, string_text) -%}
  position({{ substring_text }} in {{ string_text }})
{%- endmacro %}

{#- The last `length_expression` characters of `string_text`. -#}
{% macro right(string_text, length_expression) -%}
  {{ return(adapter.dispatch('right', 'dbt')(string_text, length_expression)) }}
{%- endmacro %}

{% macro default__right(string_text, length_expression) -%}
  right({{ string_text }}, {{ length_expression }})
{%- endmacro %}

{#- `field` as `type`, NULL where the value does not convert (DuckDB, Snowflake). PostgreSQL
    and Redshift have no such cast: there it is a plain cast, which fails on a bad value. -#}
{% macro safe_cast(field, type) -%}
  {{ return(adapter.dispatch('safe_cast', 'dbt')(field, type)) }}
{%- endmacro %}

{% macro default__safe_cast(field, type) -%}
  cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro duckdb__safe_cast(field, type) -%}
  try_cast({{ field }} as {{ type }})
{%- endmacro %}

{#- Snowflake's try_cast takes only text. -#}
{% macro snowflake__safe_cast(field, type) -%}
  try_cast(cast({{ field }} as varchar) as {{ type }})
{%- endmacro %}

{#- 'true' / 'false' (NULL stays NULL). -#}
{% macro cast_bool_to_text(field) -%}
  {{ return(adapter.dispatch('cast_bool_to_text', 'dbt')(field)) }}
{%- endmacro %}

{% macro default__cast_bool_to_text(field) -%}
  cast({{ field }} as {{ dbt.type_string() }})
{%- endmacro %}

{#- Redshift cannot cast a boolean to text. -#}
{% macro redshift__cast_bool_to_text(field) -%}
  case when {{ field }} then 'true' when not ({{ field }}) then 'false' end
{%- endmacro %}

{#- `value` between single quotes, as dbt's: not escaped, because packages escape first
    (`string_literal(escape_single_quotes(x))`), and escaping again would double each quote. -#}
{% macro string_literal(value) -%}
  {{ return(adapter.dispatch('string_literal', 'dbt')(value)) }}
{%- endmacro %}

{% macro default__string_literal(value) -%}
  '{{ value }}'
{%- endmacro %}

{#- `expression` (template text) escaped for use between single quotes. -#}
{% macro escape_single_quotes(expression) -%}
  {{ return(adapter.dispatch('escape_single_quotes', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__escape_single_quotes(expression) -%}
  {{ expression | replace("'", "''") }}
{%- endmacro %}

{#- Snowflake and Redshift also read a backslash in a literal as an escape. -#}
{% macro snowflake__escape_single_quotes(expression) -%}
  {{ expression | replace("\\", "\\\\") | replace("'", "\\'") }}
{%- endmacro %}

{% macro redshift__escape_single_quotes(expression) -%}
  {{ expression | replace("\\", "\\\\") | replace("'", "''") }}
{%- endmacro %}
