{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_users_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_users']) }}
{#- Device users of this run (spec §8.5, 41 columns in the order of §8.6): first-session fields,
    last_* of the session that ended last. screen_names_viewed sums the sessions' distinct
    counts, as upstream. -#}
with sessions as (
    select * from {{ ref('snowplow_mobile_users_sessions_this_run') }}
),

aggregates as (
    select
        device_user_id,
        min(start_tstamp) as start_tstamp,
        max(end_tstamp) as end_tstamp,
        sum(screen_views) as screen_views,
        sum(screen_names_viewed) as screen_names_viewed,
        count(distinct session_id) as sessions,
        sum(session_duration_s) as sessions_duration_s,
        count(distinct date_trunc('day', start_tstamp)) as active_days,
        sum(app_errors) as app_errors,
        sum(fatal_app_errors) as fatal_app_errors
    from sessions
    group by 1
),

lasts as (
    select
        a.device_user_id,
        s.last_screen_view_name,
        s.last_screen_view_transition_type,
        s.last_screen_view_type,
        s.carrier as last_carrier,
        s.os_version as last_os_version
    from aggregates as a
    inner join sessions as s on a.device_user_id = s.device_user_id and a.end_tstamp = s.end_tstamp
)

select
    s.user_id,
    a.device_user_id,
    s.network_userid,
    a.start_tstamp,
    a.end_tstamp,
    cast(current_timestamp as timestamp) as model_tstamp,
    cast(a.screen_views as integer) as screen_views,
    cast(a.screen_names_viewed as integer) as screen_names_viewed,
    cast(a.sessions as integer) as sessions,
    cast(a.sessions_duration_s as integer) as sessions_duration_s,
    cast(a.active_days as integer) as active_days,
    cast(a.app_errors as integer) as app_errors,
    cast(a.fatal_app_errors as integer) as fatal_app_errors,
    s.first_screen_view_name,
    s.first_screen_view_transition_type,
    s.first_screen_view_type,
    l.last_screen_view_name,
    l.last_screen_view_transition_type,
    l.last_screen_view_type,
    s.platform,
    s.dvce_screenwidth,
    s.dvce_screenheight,
    s.device_manufacturer,
    s.device_model,
    s.os_type,
    s.os_version as first_os_version,
    l.last_os_version,
    s.android_idfa,
    s.apple_idfa,
    s.apple_idfv,
    s.open_idfa,
    s.geo_country,
    s.geo_region,
    s.geo_city,
    s.geo_zipcode,
    s.geo_latitude,
    s.geo_longitude,
    s.geo_region_name,
    s.geo_timezone,
    s.carrier as first_carrier,
    l.last_carrier
from aggregates as a
inner join sessions as s on a.device_user_id = s.device_user_id and a.start_tstamp = s.start_tstamp
inner join lasts as l on a.device_user_id = l.device_user_id
