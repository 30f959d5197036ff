{{ config(schema=var('snowplow_web__scratch_schema'), alias='users_sessions_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_users']) }}
{#- Every stored session of this run's users from the earliest user start on. Upstream also
    cut at users_limits.upper_limit (the latest *first-session* start), dropping later sessions
    of the users when few users are processed: bug #118, fixed here as in Snowplow's Snowflake
    model (#120) by having no upper bound. -#}
select s.*
from {{ ref('snowplow_web_sessions') }} as s
cross join {{ ref('snowplow_web_users_limits') }} as l
where s.domain_userid in (select domain_userid from {{ ref('snowplow_web_users_userids_this_run') }})
  and s.start_tstamp >= l.lower_limit
