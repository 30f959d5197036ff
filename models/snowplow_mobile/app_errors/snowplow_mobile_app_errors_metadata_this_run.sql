{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_app_errors_metadata_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_app_errors']) }}
{{ snowplow_metadata_this_run(var('snowplow_mobile__model_version'), 'mobile', 'app-errors', ref('snowplow_mobile_app_errors_this_run'), 'event_id', 'derived_tstamp') }}
