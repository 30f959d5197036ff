{{ config(
    schema=var('snowplow_mobile__scratch_schema'),
    alias='mobile_sessions_complete' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_sessions'],
    after_consumers_of=['snowplow_mobile_events_staged', 'snowplow_mobile_screen_views_staged', 'snowplow_mobile_app_errors_staged', 'snowplow_mobile_sessions_this_run', 'snowplow_mobile_sessions_userid_manifest_this_run'],
    post_hook=[
        "begin transaction;
         delete from {{ ref('snowplow_mobile_events_staged') }};
         delete from {{ ref('snowplow_mobile_screen_views_staged') }};
         delete from {{ ref('snowplow_mobile_app_errors_staged') }};
         commit",
        "{{ snowplow_cleanup('snowplow_mobile', ['snowplow_mobile_sessions_metadata_this_run', 'snowplow_mobile_sessions_userid_manifest_this_run'], ['snowplow_mobile_sessions_this_run']) }}"
    ]
) }}
{#- Sessions' complete step (99-sessions-complete): after every reader of the three staged
    inputs (screen views and app errors read mobile_events_staged too, so this also waits for
    them), clears all three in one transaction (spec §8.1), then cleans up. -#}
select
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_id,
    (select count(*) from {{ ref('snowplow_mobile_events_staged') }}) as events_consumed
