{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_users_sessions_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_users']) }}
{#- Every stored session of this run's device users from the earliest user start on. No upper
    bound: upstream's cut at the latest first-session start is bug #118 (docs/snowplow.md). -#}
select s.*
from {{ ref('snowplow_mobile_sessions') }} as s
cross join {{ ref('snowplow_mobile_users_limits') }} as l
where s.device_user_id in (select device_user_id from {{ ref('snowplow_mobile_users_userids_this_run') }})
  and s.start_tstamp >= l.lower_limit
