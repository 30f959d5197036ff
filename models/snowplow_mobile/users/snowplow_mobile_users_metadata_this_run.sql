{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_users_metadata_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_users']) }}
{{ snowplow_metadata_this_run(var('snowplow_mobile__model_version'), 'mobile', 'users', ref('snowplow_mobile_users_this_run'), 'device_user_id', 'start_tstamp') }}
