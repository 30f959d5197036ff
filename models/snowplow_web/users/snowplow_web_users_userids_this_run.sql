{{ config(schema=var('snowplow_web__scratch_schema'), alias='users_userids_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_users']) }}
{#- Users with new sessions, with their first-ever session start (spec §5 step 2). -#}
select
    s.domain_userid,
    {{ snowplow_least('s.start_tstamp', 'm.start_tstamp') }} as start_tstamp
from {{ ref('snowplow_web_sessions_userid_manifest_staged') }} as s
left join {{ ref('snowplow_web_users_manifest') }} as m on s.domain_userid = m.domain_userid
