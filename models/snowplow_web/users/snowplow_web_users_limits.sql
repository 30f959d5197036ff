{{ config(schema=var('snowplow_web__scratch_schema'), alias='users_limits' ~ var('snowplow_web__entropy'), tags=['snowplow_web_users']) }}
select min(start_tstamp) as lower_limit, max(start_tstamp) as upper_limit
from {{ ref('snowplow_web_users_userids_this_run') }}
