{{ config(
    schema=var('snowplow_web__scratch_schema'),
    alias='base_complete' ~ var('snowplow_web__entropy'),
    tags=['snowplow_web_base'],
    after_consumers_of=['snowplow_web_base_new_events_limits', 'snowplow_web_base_sessions_to_include', 'snowplow_web_base_run_limits', 'snowplow_web_base_events_this_run_tmp', 'snowplow_web_base_event_ids_this_run', 'snowplow_web_base_duplicates_this_run', 'snowplow_web_events_this_run'],
    post_hook=[
        "{{ snowplow_commit_base_manifests('snowplow_web') }}",
        "{{ snowplow_cleanup('snowplow_web', ['snowplow_web_base_events_this_run_tmp', 'snowplow_web_base_event_ids_this_run', 'snowplow_web_base_duplicates_this_run', 'snowplow_web_events_this_run'], ['snowplow_web_base_new_events_limits', 'snowplow_web_base_sessions_to_include', 'snowplow_web_base_run_limits', 'snowplow_web_base_metadata_this_run']) }}"
    ]
) }}
{#- Base's complete step (99-base-complete): runs after every model that reads base's
    `_this_run` tables (after_consumers_of, custom models included), then its post-hooks commit
    both manifests in one transaction and clean up per `cleanup_mode`. The table itself records
    what was committed. -#}
select
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_id,
    (select count(*) from {{ ref('snowplow_web_base_event_ids_this_run') }}) as event_ids_committed,
    (select count(*) from {{ ref('snowplow_web_base_sessions_to_include') }}) as sessions_committed
