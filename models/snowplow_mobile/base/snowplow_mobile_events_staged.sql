{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='event_id',
    schema=var('snowplow_mobile__scratch_schema'),
    alias='mobile_events_staged' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_base'],
    post_hook="insert into {{ ref('snowplow_mobile_datamodel_metadata') }} select * from {{ ref('snowplow_mobile_base_metadata_this_run') }}"
) }}
{#- Base's output for screen views, app errors and sessions: each base run upserts its events by
    event_id and rows accumulate until snowplow_mobile_sessions_complete clears them, so the later
    modules may run less often than base. `stage_next: false` stages nothing. The post-hook
    writes base's metadata row. -#}
-- depends_on: {{ ref('snowplow_mobile_datamodel_metadata') }}
-- depends_on: {{ ref('snowplow_mobile_base_metadata_this_run') }}
select * from {{ ref('snowplow_mobile_events_this_run') }}
{% if not var('snowplow_mobile__stage_next') %}where false{% endif %}
