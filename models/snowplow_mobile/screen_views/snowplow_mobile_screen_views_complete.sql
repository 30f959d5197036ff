{{ config(
    schema=var('snowplow_mobile__scratch_schema'),
    alias='mobile_screen_views_complete' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_screen_views'],
    after_consumers_of=['snowplow_mobile_sv_screen_view_events', 'snowplow_mobile_screen_views_this_run', 'snowplow_mobile_sv_metadata_this_run'],
    post_hook="{{ snowplow_cleanup('snowplow_mobile', ['snowplow_mobile_sv_screen_view_events', 'snowplow_mobile_sv_metadata_this_run'], ['snowplow_mobile_screen_views_this_run']) }}"
) }}
{#- Screen views' complete step (99-screen-views-complete): cleanup only. Its input,
    mobile_events_staged, is shared with app errors and sessions, so sessions' complete clears it
    (spec §8.1). -#}
select
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_id,
    (select count(*) from {{ ref('snowplow_mobile_screen_views_this_run') }}) as screen_views_this_run
