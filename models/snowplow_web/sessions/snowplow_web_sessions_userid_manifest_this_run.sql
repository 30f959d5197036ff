{{ config(schema=var('snowplow_web__scratch_schema'), alias='sessions_userid_manifest_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_sessions']) }}
{#- First session start per domain_userid seen this run (NULL ids form one group, as upstream). -#}
select domain_userid, min(start_tstamp) as start_tstamp
from {{ ref('snowplow_web_sessions_this_run') }}
group by 1
