{{ config(
    schema=var('snowplow_web__scratch_schema'),
    alias='sessions_complete' ~ var('snowplow_web__entropy'),
    tags=['snowplow_web_sessions'],
    after_consumers_of=['snowplow_web_page_views_staged', 'snowplow_web_sessions_this_run', 'snowplow_web_sessions_userid_manifest_this_run'],
    post_hook=[
        "delete from {{ ref('snowplow_web_page_views_staged') }}",
        "{{ snowplow_cleanup('snowplow_web', ['snowplow_web_sessions_metadata_this_run'], ['snowplow_web_sessions_this_run', 'snowplow_web_sessions_userid_manifest_this_run']) }}"
    ]
) }}
{#- Sessions' complete step (99-sessions-complete): after every reader of page_views_staged,
    clears it, then cleans up. -#}
select
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_id,
    (select count(*) from {{ ref('snowplow_web_page_views_staged') }}) as page_views_consumed
