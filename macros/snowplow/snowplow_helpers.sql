{#- Redshift's LEAST/GREATEST ignore NULLs (NULL only when every argument is NULL). DuckDB and
    Postgres behave the same; BigQuery and Snowflake return NULL, so they coalesce first. -#}
{% macro snowplow_least(a, b) %}
  {{- return(adapter.dispatch('snowplow_least', 'tsmodel_sessionization')(a, b)) -}}
{% endmacro %}
{% macro default__snowplow_least(a, b) -%} least({{ a }}, {{ b }}) {%- endmacro %}
{% macro snowflake__snowplow_least(a, b) -%} least(coalesce({{ a }}, {{ b }}), coalesce({{ b }}, {{ a }})) {%- endmacro %}

{% macro snowplow_greatest(a, b) %}
  {{- return(adapter.dispatch('snowplow_greatest', 'tsmodel_sessionization')(a, b)) -}}
{% endmacro %}
{% macro default__snowplow_greatest(a, b) -%} greatest({{ a }}, {{ b }}) {%- endmacro %}
{% macro snowflake__snowplow_greatest(a, b) -%} greatest(coalesce({{ a }}, {{ b }}), coalesce({{ b }}, {{ a }})) {%- endmacro %}

{#- The v1 bot filter: Redshift `useragent NOT SIMILAR TO '%(…)%'` (case-sensitive substring; a
    NULL useragent makes the predicate NULL, so the row is dropped). -#}
{% macro snowplow_bot_pattern() -%}
(bot|crawl|slurp|spider|archiv|spinn|sniff|seo|audit|survey|pingdom|worm|capture|(browser|screen)shots|analyz|index|thumb|check|facebook|PingdomBot|PhantomJS|YandexBot|Twitterbot|a_archiver|facebookexternalhit|Bingbot|BingPreview|Googlebot|Baiduspider|360(Spider|User-agent)|semalt)
{%- endmacro %}

{% macro snowplow_not_bot(useragent) %}
  {{- return(adapter.dispatch('snowplow_not_bot', 'tsmodel_sessionization')(useragent)) -}}
{% endmacro %}
{% macro default__snowplow_not_bot(useragent) -%}
  {{ useragent }} not similar to '%{{ snowplow_bot_pattern() }}%'
{%- endmacro %}
{% macro duckdb__snowplow_not_bot(useragent) -%}
  not regexp_matches({{ useragent }}, '{{ snowplow_bot_pattern() }}')
{%- endmacro %}
{% macro postgres__snowplow_not_bot(useragent) -%}
  {{ useragent }} !~ '{{ snowplow_bot_pattern() }}'
{%- endmacro %}

{#- Seconds since the Unix epoch (fractional), for heartbeat buckets. -#}
{% macro snowplow_epoch(ts) %}
  {{- return(adapter.dispatch('snowplow_epoch', 'tsmodel_sessionization')(ts)) -}}
{% endmacro %}
{% macro default__snowplow_epoch(ts) -%} extract(epoch from {{ ts }}) {%- endmacro %}
{% macro duckdb__snowplow_epoch(ts) -%} epoch({{ ts }}) {%- endmacro %}

{#- A string field of the first entity of a JSON context column (`[{"id": "…"}]`). -#}
{% macro snowplow_json_context_field(column, field) %}
  {{- return(adapter.dispatch('snowplow_json_context_field', 'tsmodel_sessionization')(column, field)) -}}
{% endmacro %}
{% macro default__snowplow_json_context_field(column, field) -%}
  json_extract_path_text(json_extract_array_element_text({{ column }}, 0), '{{ field }}')
{%- endmacro %}
{% macro duckdb__snowplow_json_context_field(column, field) -%}
  json_extract_string(cast({{ column }} as json), '$[0].{{ field }}')
{%- endmacro %}
