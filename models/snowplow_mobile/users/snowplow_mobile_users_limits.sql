{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_users_limits' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_users']) }}
select min(start_tstamp) as lower_limit, max(start_tstamp) as upper_limit
from {{ ref('snowplow_mobile_users_userids_this_run') }}
