{{ config(
    schema=var('snowplow_mobile__scratch_schema'),
    alias='mobile_app_errors_complete' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_app_errors'],
    after_consumers_of=['snowplow_mobile_app_errors_this_run', 'snowplow_mobile_app_errors_metadata_this_run'],
    post_hook="{{ snowplow_cleanup('snowplow_mobile', ['snowplow_mobile_app_errors_metadata_this_run'], ['snowplow_mobile_app_errors_this_run']) }}"
) }}
{#- App errors' complete step (99-app-errors-complete): cleanup only; sessions' complete clears
    the staged inputs (spec §8.1). -#}
select
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_id,
    (select count(*) from {{ ref('snowplow_mobile_app_errors_this_run') }}) as app_errors_this_run
