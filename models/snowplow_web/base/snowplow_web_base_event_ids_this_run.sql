{{ config(schema=var('snowplow_web__scratch_schema'), alias='base_event_ids_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_base']) }}
{#- Events read this run, duplicates included: the complete step adds them to the manifest. -#}
select event_id, collector_tstamp
from {{ ref('snowplow_web_base_events_this_run_tmp') }}
