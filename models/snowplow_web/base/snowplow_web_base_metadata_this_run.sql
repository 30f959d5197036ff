{{ config(schema=var('snowplow_web__scratch_schema'), alias='base_metadata_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_base']) }}
{{ snowplow_metadata_this_run(var('snowplow_web__model_version'), 'base', 'main', ref('snowplow_web_events_this_run'), 'event_id', 'collector_tstamp', ref('snowplow_web_base_duplicates_this_run')) }}
