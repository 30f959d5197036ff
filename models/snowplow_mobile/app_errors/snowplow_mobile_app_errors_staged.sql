{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='event_id',
    schema=var('snowplow_mobile__scratch_schema'),
    alias='mobile_app_errors_staged' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_app_errors'],
    post_hook="{% if var('snowplow_mobile__app_errors_enabled') %}insert into {{ ref('snowplow_mobile_datamodel_metadata') }} select * from {{ ref('snowplow_mobile_app_errors_metadata_this_run') }}{% endif %}"
) }}
{#- App errors' output for sessions: upserted by event_id, accumulating until
    snowplow_mobile_sessions_complete clears it. Always built (empty when the module is disabled)
    so sessions can join it; the module's metadata row is written only when enabled (spec §8.4). -#}
-- depends_on: {{ ref('snowplow_mobile_datamodel_metadata') }}
-- depends_on: {{ ref('snowplow_mobile_app_errors_metadata_this_run') }}
select * from {{ ref('snowplow_mobile_app_errors_this_run') }}
{% if not var('snowplow_mobile__stage_next') %}where false{% endif %}
