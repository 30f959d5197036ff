{{ config(schema=var('snowplow_web__scratch_schema'), alias='sessions_metadata_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_sessions']) }}
{{ snowplow_metadata_this_run(var('snowplow_web__model_version'), 'web', 'sessions', ref('snowplow_web_sessions_this_run'), 'domain_sessionid', 'start_tstamp') }}
