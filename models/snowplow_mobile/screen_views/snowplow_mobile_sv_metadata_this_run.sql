{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_sv_metadata_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_screen_views']) }}
{{ snowplow_metadata_this_run(var('snowplow_mobile__model_version'), 'mobile', 'screen-views', ref('snowplow_mobile_screen_views_this_run'), 'screen_view_id', 'derived_tstamp') }}
