{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_sessions_metadata_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_sessions']) }}
{{ snowplow_metadata_this_run(var('snowplow_mobile__model_version'), 'mobile', 'sessions', ref('snowplow_mobile_sessions_this_run'), 'session_id', 'start_tstamp') }}
