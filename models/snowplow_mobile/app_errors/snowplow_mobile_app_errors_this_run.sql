{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_app_errors_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_app_errors']) }}
{#- Application errors of this run (spec §8.4, 63 columns in the order of §8.6): the
    application_error events of mobile_events_staged with their error fields. Optional module
    (`snowplow_mobile__app_errors_enabled`, default false): when disabled the table is empty but
    keeps its columns, so sessions can always join it. -#}
{%- set enabled = var('snowplow_mobile__app_errors_enabled') %}
{%- set staged = ref('snowplow_mobile_events_staged') %}
{%- set bounds = "(select %s(collector_tstamp) from " ~ staged ~ " where event_name = 'application_error')" %}
select
    e.event_id,
    e.app_id,
    e.user_id,
    e.device_user_id,
    e.network_userid,
    e.session_id,
    e.session_index,
    e.previous_session_id,
    e.session_first_event_id,
    e.dvce_created_tstamp,
    e.collector_tstamp,
    e.derived_tstamp,
    cast(current_timestamp as timestamp) as model_tstamp,
    e.platform,
    e.dvce_screenwidth,
    e.dvce_screenheight,
    e.device_manufacturer,
    e.device_model,
    e.os_type,
    e.os_version,
    e.android_idfa,
    e.apple_idfa,
    e.apple_idfv,
    e.open_idfa,
    e.screen_id,
    e.screen_name,
    e.screen_activity,
    e.screen_fragment,
    e.screen_top_view_controller,
    e.screen_type,
    e.screen_view_controller,
    e.device_latitude,
    e.device_longitude,
    e.device_latitude_longitude_accuracy,
    e.device_altitude,
    e.device_altitude_accuracy,
    e.device_bearing,
    e.device_speed,
    e.geo_country,
    e.geo_region,
    e.geo_city,
    e.geo_zipcode,
    e.geo_latitude,
    e.geo_longitude,
    e.geo_region_name,
    e.geo_timezone,
    e.user_ipaddress,
    e.useragent,
    e.carrier,
    e.network_technology,
    e.network_type,
    e.build,
    e.version,
    e.event_index_in_session
    {{- snowplow_mobile_entity_columns('app_error', 'ae') }}
from {{ staged }} as e
{%- if enabled %}
inner join {{ snowplow_mobile_entity('app_error', bounds | replace('%s', 'min'), bounds | replace('%s', 'max')) }} as ae
    on e.event_id = ae.root_id and e.collector_tstamp = ae.root_tstamp
where e.event_name = 'application_error'
{%- else %}
where false
{%- endif %}
