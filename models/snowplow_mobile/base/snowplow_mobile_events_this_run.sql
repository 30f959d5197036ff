{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_events_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_base']) }}
{#- De-duplicated events of this run with their client session and the optional contexts (spec
    §8.2 step 09; 98 columns in the order of §8.6). Events lacking a client_session context never
    reach the mobile model. -#}
{%- set limits = ref('snowplow_mobile_base_run_limits') %}
{%- set lower = '(select lower_limit from ' ~ limits ~ ')' %}
{%- set upper = '(select upper_limit from ' ~ limits ~ ')' %}
{%- set atomic = ['app_id', 'platform', 'etl_tstamp', 'collector_tstamp', 'dvce_created_tstamp', 'event', 'event_id',
    'name_tracker', 'v_tracker', 'v_collector', 'v_etl', 'user_id', 'user_ipaddress', 'network_userid', 'geo_country',
    'geo_region', 'geo_city', 'geo_zipcode', 'geo_latitude', 'geo_longitude', 'geo_region_name', 'ip_isp',
    'ip_organization', 'ip_domain', 'ip_netspeed', 'se_category', 'se_action', 'se_label', 'se_property', 'se_value',
    'tr_orderid', 'tr_affiliation', 'tr_total', 'tr_tax', 'tr_shipping', 'tr_city', 'tr_state', 'tr_country',
    'ti_orderid', 'ti_sku', 'ti_name', 'ti_category', 'ti_price', 'ti_quantity', 'useragent', 'dvce_screenwidth',
    'dvce_screenheight', 'tr_currency', 'tr_total_base', 'tr_tax_base', 'tr_shipping_base', 'ti_currency',
    'ti_price_base', 'base_currency', 'geo_timezone', 'etl_tags', 'dvce_sent_tstamp', 'derived_tstamp',
    'event_vendor', 'event_name', 'event_format', 'event_version', 'event_fingerprint'] %}
with events as (
    select
        {%- for c in atomic %}
        e.{{ c }},
        {%- endfor %}
        e.event_vendor || '/' || e.event_name || '/' || e.event_format || '/' || e.event_version as event_schema,
        e.true_tstamp,
        p.session_id,
        p.session_index,
        p.previous_session_id,
        p.device_user_id,
        p.session_first_event_id
        {{- snowplow_mobile_entity_columns('screen', 'sc') }}
        {{- snowplow_mobile_entity_columns('mobile', 'mc') }}
        {{- snowplow_mobile_entity_columns('geolocation', 'gc') }}
        {{- snowplow_mobile_entity_columns('application', 'ac') }}
    from {{ var('snowplow_mobile__events') }} as e
    inner join {{ ref('snowplow_mobile_base_events_to_process') }} as p
        on e.event_id = p.event_id and e.collector_tstamp = p.collector_tstamp
    {%- for name, alias in [['screen', 'sc'], ['mobile', 'mc'], ['geolocation', 'gc'], ['application', 'ac']] %}
    {%- if snowplow_mobile_entity_enabled(name) %}
    left join {{ snowplow_mobile_entity(name, lower, upper) }} as {{ alias }}
        on e.event_id = {{ alias }}.root_id and e.collector_tstamp = {{ alias }}.root_tstamp
    {%- endif %}
    {%- endfor %}
    where p.event_id_dedupe_index = 1
      and p.event_id not in (select event_id from {{ ref('snowplow_mobile_base_duplicates_this_run') }})
      and e.collector_tstamp >= {{ lower }}
      and e.collector_tstamp <= {{ upper }}
      and {{ snowplow_mobile_app_filters('e') }}
)

select
    *,
    cast(row_number() over (partition by session_id order by derived_tstamp) as integer) as event_index_in_session
from events
