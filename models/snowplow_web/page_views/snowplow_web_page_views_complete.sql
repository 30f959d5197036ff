{{ config(
    schema=var('snowplow_web__scratch_schema'),
    alias='page_views_complete' ~ var('snowplow_web__entropy'),
    tags=['snowplow_web_page_views'],
    after_consumers_of=['snowplow_web_events_staged', 'snowplow_web_pv_page_view_events', 'snowplow_web_pv_page_view_id_duplicates_this_run', 'snowplow_web_pv_engaged_time', 'snowplow_web_pv_scroll_depth', 'snowplow_web_page_views_this_run'],
    post_hook=[
        "delete from {{ ref('snowplow_web_events_staged') }}",
        "{{ snowplow_cleanup('snowplow_web', ['snowplow_web_pv_page_view_events', 'snowplow_web_pv_engaged_time', 'snowplow_web_pv_scroll_depth', 'snowplow_web_pv_metadata_this_run'], ['snowplow_web_pv_page_view_id_duplicates_this_run', 'snowplow_web_page_views_this_run']) }}"
    ]
) }}
{#- Page views' complete step (99-page-views-complete): after every reader of events_staged and
    of page views' scratch tables, clears events_staged (its own input) and cleans up. -#}
select
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_id,
    (select count(*) from {{ ref('snowplow_web_events_staged') }}) as events_consumed
