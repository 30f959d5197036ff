{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_sessions_userid_manifest_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_sessions']) }}
{#- First session start per device_user_id seen this run (NULL ids form one group, as upstream). -#}
select device_user_id, min(start_tstamp) as start_tstamp
from {{ ref('snowplow_mobile_sessions_this_run') }}
group by 1
