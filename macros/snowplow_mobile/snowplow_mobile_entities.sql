{#- The contexts and self-describing events the mobile model reads (spec §0, §8.2-8.4):
    name → enable var (none = always read), relation var (shredded table), column var (JSON
    column of events), and fields [output column, shredded column, JSON key, type]. Shredded
    tables use snake_case columns; JSON entities keep the schema's camelCase keys. -#}
{% macro snowplow_mobile_entities() -%}
{{ return({
  'client_session': [none, 'snowplow_mobile__client_session_context', 'snowplow_mobile__client_session_context_column', [
      ['session_id', 'session_id', 'session_id', 'varchar'],
      ['session_index', 'session_index', 'session_index', 'integer'],
      ['previous_session_id', 'previous_session_id', 'previous_session_id', 'varchar'],
      ['device_user_id', 'user_id', 'user_id', 'varchar'],
      ['session_first_event_id', 'first_event_id', 'first_event_id', 'varchar']]],
  'screen_view': [none, 'snowplow_mobile__screen_view_event', 'snowplow_mobile__screen_view_event_column', [
      ['screen_view_id', 'id', 'id', 'varchar'],
      ['screen_view_name', 'name', 'name', 'varchar'],
      ['screen_view_previous_id', 'previous_id', 'previous_id', 'varchar'],
      ['screen_view_previous_name', 'previous_name', 'previous_name', 'varchar'],
      ['screen_view_previous_type', 'previous_type', 'previous_type', 'varchar'],
      ['screen_view_transition_type', 'transition_type', 'transition_type', 'varchar'],
      ['screen_view_type', 'type', 'type', 'varchar']]],
  'screen': ['snowplow_mobile__screen_context', 'snowplow_mobile__screen_context_table', 'snowplow_mobile__screen_context_column', [
      ['screen_id', 'id', 'id', 'varchar'],
      ['screen_name', 'name', 'name', 'varchar'],
      ['screen_activity', 'activity', 'activity', 'varchar'],
      ['screen_fragment', 'fragment', 'fragment', 'varchar'],
      ['screen_top_view_controller', 'top_view_controller', 'topViewController', 'varchar'],
      ['screen_type', 'type', 'type', 'varchar'],
      ['screen_view_controller', 'view_controller', 'viewController', 'varchar']]],
  'mobile': ['snowplow_mobile__mobile_context', 'snowplow_mobile__mobile_context_table', 'snowplow_mobile__mobile_context_column', [
      ['device_manufacturer', 'device_manufacturer', 'deviceManufacturer', 'varchar'],
      ['device_model', 'device_model', 'deviceModel', 'varchar'],
      ['os_type', 'os_type', 'osType', 'varchar'],
      ['os_version', 'os_version', 'osVersion', 'varchar'],
      ['android_idfa', 'android_idfa', 'androidIdfa', 'varchar'],
      ['apple_idfa', 'apple_idfa', 'appleIdfa', 'varchar'],
      ['apple_idfv', 'apple_idfv', 'appleIdfv', 'varchar'],
      ['carrier', 'carrier', 'carrier', 'varchar'],
      ['open_idfa', 'open_idfa', 'openIdfa', 'varchar'],
      ['network_technology', 'network_technology', 'networkTechnology', 'varchar'],
      ['network_type', 'network_type', 'networkType', 'varchar']]],
  'geolocation': ['snowplow_mobile__geolocation_context', 'snowplow_mobile__geolocation_context_table', 'snowplow_mobile__geolocation_context_column', [
      ['device_latitude', 'latitude', 'latitude', 'double'],
      ['device_longitude', 'longitude', 'longitude', 'double'],
      ['device_latitude_longitude_accuracy', 'latitude_longitude_accuracy', 'latitudeLongitudeAccuracy', 'double'],
      ['device_altitude', 'altitude', 'altitude', 'double'],
      ['device_altitude_accuracy', 'altitude_accuracy', 'altitudeAccuracy', 'double'],
      ['device_bearing', 'bearing', 'bearing', 'double'],
      ['device_speed', 'speed', 'speed', 'double']]],
  'application': ['snowplow_mobile__application_context', 'snowplow_mobile__application_context_table', 'snowplow_mobile__application_context_column', [
      ['build', 'build', 'build', 'varchar'],
      ['version', 'version', 'version', 'varchar']]],
  'app_error': ['snowplow_mobile__app_errors_enabled', 'snowplow_mobile__app_error_event', 'snowplow_mobile__app_error_event_column', [
      ['message', 'message', 'message', 'varchar'],
      ['programming_language', 'programming_language', 'programmingLanguage', 'varchar'],
      ['class_name', 'class_name', 'className', 'varchar'],
      ['exception_name', 'exception_name', 'exceptionName', 'varchar'],
      ['is_fatal', 'is_fatal', 'isFatal', 'boolean'],
      ['line_number', 'line_number', 'lineNumber', 'integer'],
      ['stack_trace', 'stack_trace', 'stackTrace', 'varchar'],
      ['thread_id', 'thread_id', 'threadId', 'integer'],
      ['thread_name', 'thread_name', 'threadName', 'varchar']]]
}) }}
{%- endmacro %}

{#- Whether entity `name` is read (the required ones always are). -#}
{% macro snowplow_mobile_entity_enabled(name) -%}
{%- set spec = snowplow_mobile_entities()[name] -%}
{{ return(spec[0] is none or var(spec[0])) }}
{%- endmacro %}

{#- Entity `name` as a relation (root_id, root_tstamp, its fields), from the shredded table
    (Redshift layout, `snowplow_mobile__context_format: shredded`) or from the JSON column of
    the events relation (`json`), bounded to root_tstamp in [lower_bound, upper_bound] when not none. -#}
{% macro snowplow_mobile_entity(name, lower_bound, upper_bound) -%}
{%- set spec = snowplow_mobile_entities()[name] -%}
{%- set json = var('snowplow_mobile__context_format') == 'json' -%}
{%- if var('snowplow_mobile__context_format') not in ['json', 'shredded'] -%}
  {{ exceptions.raise_compiler_error("var 'snowplow_mobile__context_format' is '" ~ var('snowplow_mobile__context_format') ~ "': use shredded or json") }}
{%- endif -%}
{%- set ts = 'collector_tstamp' if json else 'root_tstamp' -%}
(
    select
        {{ 'event_id' if json else 'root_id' }} as root_id,
        {{ ts }} as root_tstamp
        {%- for f in spec[3] %},
        cast({% if json %}{{ snowplow_json_context_field(var(spec[2]), f[2]) }}{% else %}{{ f[1] }}{% endif %} as {{ f[3] }}) as {{ f[0] }}
        {%- endfor %}
    from {{ var('snowplow_mobile__events') if json else var(spec[1]) }}
    where {% if json %}{{ var(spec[2]) }} is not null{% else %}true{% endif %}
    {%- if lower_bound is not none %}
      and {{ ts }} >= {{ lower_bound }}
    {%- endif %}
    {%- if upper_bound is not none %}
      and {{ ts }} <= {{ upper_bound }}
    {%- endif %}
)
{%- endmacro %}

{#- The fields of an optional entity as select-list items from alias `alias`, or typed NULLs
    when the entity is disabled. Each item is preceded by a comma. -#}
{% macro snowplow_mobile_entity_columns(name, alias) -%}
{%- set spec = snowplow_mobile_entities()[name] -%}
{%- for f in spec[3] %},
    {% if snowplow_mobile_entity_enabled(name) %}{{ alias }}.{{ f[0] }}{% else %}cast(null as {{ f[3] }}) as {{ f[0] }}{% endif %}
{%- endfor -%}
{%- endmacro %}

{#- `platform IN (platform_filters)` (default: 'mob') and, when set, `app_id IN (app_id_filters)`
    (spec §8.2). -#}
{% macro snowplow_mobile_app_filters(alias) -%}
{%- set platforms = var('snowplow_mobile__platform_filters') -%}
{%- set platforms = platforms if platforms | length > 0 else ['mob'] -%}
{{ alias }}.platform in ({% for p in platforms %}'{{ p }}'{{ ', ' if not loop.last }}{% endfor %})
{%- set apps = var('snowplow_mobile__app_id_filters') -%}
{%- if apps | length > 0 %}
  and {{ alias }}.app_id in ({% for a in apps %}'{{ a }}'{{ ', ' if not loop.last }}{% endfor %})
{%- endif %}
{%- endmacro %}
