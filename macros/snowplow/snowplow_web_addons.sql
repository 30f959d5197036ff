{#- Optional enrichment columns of page views and sessions (spec §3 step 06, §7.1 cols 63-98):
    name → (enable var, context relation var, [(column, source field)]). -#}
{% macro snowplow_web_addons() -%}
{{ return({
  'iab': ['snowplow_web__iab', 'snowplow_web__iab_context', [
      ['category', 'category'], ['primary_impact', 'primary_impact'], ['reason', 'reason'], ['spider_or_robot', 'spider_or_robot']]],
  'ua_parser': ['snowplow_web__ua_parser', 'snowplow_web__ua_parser_context', [
      ['useragent_family', 'useragent_family'], ['useragent_major', 'useragent_major'], ['useragent_minor', 'useragent_minor'],
      ['useragent_patch', 'useragent_patch'], ['useragent_version', 'useragent_version'], ['os_family', 'os_family'],
      ['os_major', 'os_major'], ['os_minor', 'os_minor'], ['os_patch', 'os_patch'], ['os_patch_minor', 'os_patch_minor'],
      ['os_version', 'os_version'], ['device_family', 'device_family']]],
  'yauaa': ['snowplow_web__yauaa', 'snowplow_web__yauaa_context', [
      ['device_class', 'device_class'], ['agent_class', 'agent_class'], ['agent_name', 'agent_name'],
      ['agent_name_version', 'agent_name_version'], ['agent_name_version_major', 'agent_name_version_major'],
      ['agent_version', 'agent_version'], ['agent_version_major', 'agent_version_major'], ['device_brand', 'device_brand'],
      ['device_name', 'device_name'], ['device_version', 'device_version'], ['layout_engine_class', 'layout_engine_class'],
      ['layout_engine_name', 'layout_engine_name'], ['layout_engine_name_version', 'layout_engine_name_version'],
      ['layout_engine_name_version_major', 'layout_engine_name_version_major'], ['layout_engine_version', 'layout_engine_version'],
      ['layout_engine_version_major', 'layout_engine_version_major'], ['operating_system_class', 'operating_system_class'],
      ['operating_system_name', 'operating_system_name'], ['operating_system_name_version', 'operating_system_name_version'],
      ['operating_system_version', 'operating_system_version']]]
}) }}
{%- endmacro %}

{#- The add-on columns, in output order, each preceded by a comma, from the joined alias
    `<name>` or typed NULLs. -#}
{% macro snowplow_web_addon_columns() -%}
{%- for name, spec in snowplow_web_addons().items() -%}
{%- for col in spec[2] %},
    {% if var(spec[0]) %}{{ name }}.{{ col[0] }}{% else %}cast(null as {{ 'boolean' if col[0] == 'spider_or_robot' else 'varchar' }}){% endif %} as {{ col[0] }}
{%- endfor -%}
{%- endfor -%}
{%- endmacro %}

{#- Left joins of the enabled add-on contexts to the page view event (root_id, root_tstamp). -#}
{% macro snowplow_web_addon_joins(event_alias) -%}
{%- for name, spec in snowplow_web_addons().items() %}{% if var(spec[0]) %}
left join (
    select root_id, root_tstamp{% for col in spec[2] %}, {{ col[1] }} as {{ col[0] }}{% endfor %}
    from {{ var(spec[1]) }}
) as {{ name }}
    on {{ name }}.root_id = {{ event_alias }}.event_id and {{ name }}.root_tstamp = {{ event_alias }}.collector_tstamp
{%- endif %}{% endfor %}
{%- endmacro %}
