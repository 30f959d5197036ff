{{ config(schema=var('snowplow_web__scratch_schema'), alias='base_run_limits' ~ var('snowplow_web__entropy'), tags=['snowplow_web_base']) }}
{#- Time range of this run's events (spec §2.2 step 05): custom modules bound their scans of
    other atomic tables with it. NULL lower limit = nothing to process. -#}
select
    (select min(min_tstamp) from {{ ref('snowplow_web_base_sessions_to_include') }}) as lower_limit,
    upper_limit
from {{ ref('snowplow_web_base_new_events_limits') }}
