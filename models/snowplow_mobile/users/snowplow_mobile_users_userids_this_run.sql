{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_users_userids_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_users']) }}
{#- Device users with new sessions, with their first-ever session start (spec §8.5, as web §5). -#}
select
    s.device_user_id,
    {{ snowplow_least('s.start_tstamp', 'm.start_tstamp') }} as start_tstamp
from {{ ref('snowplow_mobile_sessions_userid_manifest_staged') }} as s
left join {{ ref('snowplow_mobile_users_manifest') }} as m on s.device_user_id = m.device_user_id
