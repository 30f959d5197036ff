{{ config(schema=var('snowplow_web__scratch_schema'), alias='pv_metadata_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_page_views']) }}
{{ snowplow_metadata_this_run(var('snowplow_web__model_version'), 'web', 'page-views', ref('snowplow_web_page_views_this_run'), 'page_view_id', 'start_tstamp', ref('snowplow_web_pv_page_view_id_duplicates_this_run')) }}
