{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_base_run_limits' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_base']) }}
{#- Time range of this run's events (spec §2.2 step 05): custom modules bound their scans of
    other atomic tables with it. NULL lower limit = nothing to process. -#}
select
    (select min(min_tstamp) from {{ ref('snowplow_mobile_base_sessions_to_include') }}) as lower_limit,
    upper_limit
from {{ ref('snowplow_mobile_base_new_events_limits') }}
