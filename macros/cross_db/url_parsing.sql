{#- Host part of a URL, dbt_utils.get_url_host's rule: drop every 'android-app://', 'http://'
    and 'https://', then keep the text before the first '/' and before the first '?'. Ports
    and a 'www.' prefix are kept; nothing is lower-cased. -#}
{% macro url_host(field) %}
  {{- return(adapter.dispatch('url_host', 'tsmodel_sessionization')(field)) -}}
{% endmacro %}

{% macro default__url_host(field) -%}
  {%- set stripped -%}
    replace(replace(replace({{ field }}, 'android-app://', ''), 'http://', ''), 'https://', '')
  {%- endset -%}
  cast({{ tsmodel_sessionization.split_part(tsmodel_sessionization.split_part(stripped, "'/'", 1), "'?'", 1) }} as {{ tsmodel_sessionization.type_string() }})
{%- endmacro %}

{#- Raw (not URL-decoded) value of query parameter `url_parameter` in `field`, NULL when absent
    or empty: the text after the first '<name>=' up to the next '&'. -#}
{% macro url_parameter(field, url_parameter) %}
  {{- return(adapter.dispatch('url_parameter', 'tsmodel_sessionization')(field, url_parameter)) -}}
{% endmacro %}

{% macro default__url_parameter(field, url_parameter) -%}
  nullif({{ tsmodel_sessionization.split_part(tsmodel_sessionization.split_part(field, "'" ~ url_parameter ~ "='", 2), "'&'", 1) }}, '')
{%- endmacro %}
