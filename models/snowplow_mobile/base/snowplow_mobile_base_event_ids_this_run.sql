{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_base_event_ids_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_base']) }}
{#- Events read this run, duplicates included: the complete step adds them to the manifest. -#}
select distinct event_id, collector_tstamp
from {{ ref('snowplow_mobile_base_events_to_process') }}
