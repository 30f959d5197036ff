{{ config(schema=var('snowplow_web__scratch_schema'), alias='users_metadata_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_users']) }}
{{ snowplow_metadata_this_run(var('snowplow_web__model_version'), 'web', 'users', ref('snowplow_web_users_this_run'), 'domain_userid', 'start_tstamp') }}
