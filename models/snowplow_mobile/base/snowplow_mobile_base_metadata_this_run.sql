{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_base_metadata_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_base']) }}
{{ snowplow_metadata_this_run(var('snowplow_mobile__model_version'), 'mobile', 'base', ref('snowplow_mobile_events_this_run'), 'event_id', 'collector_tstamp', ref('snowplow_mobile_base_duplicates_this_run')) }}
