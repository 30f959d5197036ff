{{ config(
    schema=var('snowplow_mobile__scratch_schema'),
    alias='mobile_base_complete' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_base'],
    after_consumers_of=['snowplow_mobile_base_new_events_limits', 'snowplow_mobile_base_sessions_to_include', 'snowplow_mobile_base_run_limits', 'snowplow_mobile_base_events_to_process', 'snowplow_mobile_base_event_ids_this_run', 'snowplow_mobile_base_duplicates_this_run', 'snowplow_mobile_events_this_run'],
    post_hook=[
        "{{ snowplow_commit_base_manifests('snowplow_mobile') }}",
        "{{ snowplow_cleanup('snowplow_mobile', ['snowplow_mobile_base_new_events_limits', 'snowplow_mobile_base_sessions_to_include', 'snowplow_mobile_base_events_to_process', 'snowplow_mobile_base_event_ids_this_run', 'snowplow_mobile_base_metadata_this_run'], ['snowplow_mobile_base_run_limits', 'snowplow_mobile_base_duplicates_this_run', 'snowplow_mobile_events_this_run']) }}"
    ]
) }}
{#- Mobile base's complete step (99-base-complete): runs after every model that reads base's
    `_this_run` tables (after_consumers_of, custom models included), then its post-hooks commit
    both manifests in one transaction and clean up per `cleanup_mode`. -#}
select
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_id,
    (select count(*) from {{ ref('snowplow_mobile_base_event_ids_this_run') }}) as event_ids_committed,
    (select count(*) from {{ ref('snowplow_mobile_base_sessions_to_include') }}) as sessions_committed
