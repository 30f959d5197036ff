{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='event_id',
    schema=var('snowplow_web__scratch_schema'),
    alias='events_staged' ~ var('snowplow_web__entropy'),
    tags=['snowplow_web_base'],
    post_hook="insert into {{ ref('snowplow_web_datamodel_metadata') }} select * from {{ ref('snowplow_web_base_metadata_this_run') }}"
) }}
{#- Base's output for page views. Persistent (≤1.3.0 behaviour): each base run upserts its
    events by event_id and rows accumulate until snowplow_web_page_views_complete clears them,
    so page views may run less often than base. `stage_next: false` stages nothing.
    The post-hook writes base's metadata row. -#}
-- depends_on: {{ ref('snowplow_web_datamodel_metadata') }}
-- depends_on: {{ ref('snowplow_web_base_metadata_this_run') }}
select * from {{ ref('snowplow_web_events_this_run') }}
{% if not var('snowplow_web__stage_next') %}where false{% endif %}
