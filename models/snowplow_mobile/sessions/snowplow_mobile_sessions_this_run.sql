{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_sessions_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_sessions']) }}
{#- Sessions of this run (spec §8.5, 63 columns in the order of §8.6): non-aggregate fields from
    the session's first event, aggregates over mobile_events_staged, screen-view details from
    mobile_screen_views_staged and error counts from mobile_app_errors_staged (NULL when none).
    Sessions without screen views are kept. -#}
with events as (
    select * from {{ ref('snowplow_mobile_events_staged') }}
),

aggregates as (
    select
        session_id,
        min(derived_tstamp) as start_tstamp,
        max(derived_tstamp) as end_tstamp,
        bool_or(event_name = 'application_install') as has_install,
        max(event_index_in_session) as last_index
    from events
    group by 1
),

lasts as (
    select a.session_id, e.event_id, e.event_name, e.build, e.version
    from aggregates as a
    inner join events as e on a.session_id = e.session_id and a.last_index = e.event_index_in_session
),

app_errors as (
    select
        session_id,
        count(distinct event_id) as app_errors,
        count(distinct case when is_fatal then event_id end) as fatal_app_errors
    from {{ ref('snowplow_mobile_app_errors_staged') }}
    group by 1
),

screen_views as (
    select
        session_id,
        count(distinct screen_view_id) as screen_views,
        count(distinct screen_view_name) as screen_names_viewed
    from {{ ref('snowplow_mobile_screen_views_staged') }}
    group by 1
),

screen_view_ends as (
    select
        session_id,
        max(case when screen_view_in_session_index = 1 then screen_view_name end) as first_screen_view_name,
        max(case when screen_view_in_session_index = 1 then screen_view_transition_type end) as first_screen_view_transition_type,
        max(case when screen_view_in_session_index = 1 then screen_view_type end) as first_screen_view_type,
        max(case when screen_view_in_session_index = screen_views_in_session then screen_view_name end) as last_screen_view_name,
        max(case when screen_view_in_session_index = screen_views_in_session then screen_view_transition_type end) as last_screen_view_transition_type,
        max(case when screen_view_in_session_index = screen_views_in_session then screen_view_type end) as last_screen_view_type
    from {{ ref('snowplow_mobile_screen_views_staged') }}
    group by 1
)

select
    e.app_id,
    e.session_id,
    e.session_index,
    e.previous_session_id,
    e.session_first_event_id,
    l.event_id as session_last_event_id,
    a.start_tstamp,
    a.end_tstamp,
    cast(current_timestamp as timestamp) as model_tstamp,
    e.user_id,
    e.device_user_id,
    e.network_userid,
    cast({{ datediff('a.start_tstamp', 'a.end_tstamp', 'second') }} as integer) as session_duration_s,
    a.has_install,
    cast(sv.screen_views as integer) as screen_views,
    cast(sv.screen_names_viewed as integer) as screen_names_viewed,
    cast(ae.app_errors as integer) as app_errors,
    cast(ae.fatal_app_errors as integer) as fatal_app_errors,
    e.event_name as first_event_name,
    l.event_name as last_event_name,
    sve.first_screen_view_name,
    sve.first_screen_view_transition_type,
    sve.first_screen_view_type,
    sve.last_screen_view_name,
    sve.last_screen_view_transition_type,
    sve.last_screen_view_type,
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
    e.name_tracker,
    e.v_tracker,
    e.carrier,
    e.network_technology,
    e.network_type,
    e.build as first_build,
    l.build as last_build,
    e.version as first_version,
    l.version as last_version
from events as e
inner join aggregates as a on e.session_id = a.session_id
inner join lasts as l on e.session_id = l.session_id
left join screen_views as sv on e.session_id = sv.session_id
left join screen_view_ends as sve on e.session_id = sve.session_id
left join app_errors as ae on e.session_id = ae.session_id
where e.event_index_in_session = 1
