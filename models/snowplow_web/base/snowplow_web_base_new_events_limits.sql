{{ config(schema=var('snowplow_web__scratch_schema'), alias='base_new_events_limits' ~ var('snowplow_web__entropy'), tags=['snowplow_web_base']) }}
{#- Window in which new events are looked for (spec §2.2 step 01). -#}
select
    {{ dateadd('hour', -var('snowplow_web__lookback_window_hours'), 'max_m') }} as lower_limit,
    {{ dateadd('day', var('snowplow_web__update_cadence_days'), 'max_m') }} as upper_limit,
    {{ dateadd('day', -var('snowplow_web__session_lookback_days'), 'max_m') }} as session_limit
from (select max(collector_tstamp) as max_m from {{ ref('snowplow_web_base_event_id_manifest') }}) as m
