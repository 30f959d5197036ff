{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_base_new_events_limits' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_base']) }}
{#- Window in which new events are looked for (spec §2.2 step 01, same for mobile). -#}
select
    {{ dateadd('hour', -var('snowplow_mobile__lookback_window_hours'), 'max_m') }} as lower_limit,
    {{ dateadd('day', var('snowplow_mobile__update_cadence_days'), 'max_m') }} as upper_limit,
    {{ dateadd('day', -var('snowplow_mobile__session_lookback_days'), 'max_m') }} as session_limit
from (select max(collector_tstamp) as max_m from {{ ref('snowplow_mobile_base_event_id_manifest') }}) as m
