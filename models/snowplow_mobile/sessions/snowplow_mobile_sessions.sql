{{ config(
    materialized='incremental',
    incremental_strategy='append',
    schema=var('snowplow_mobile__output_schema'),
    alias='mobile_sessions' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_sessions'],
    pre_hook="{% if is_incremental() %}{{ snowplow_upsert_delete(this, ref('snowplow_mobile_sessions_this_run'), 'session_id', 'start_tstamp', var('snowplow_mobile__upsert_lookback_days')) }}{% endif %}",
    post_hook="insert into {{ ref('snowplow_mobile_datamodel_metadata') }} select * from {{ ref('snowplow_mobile_sessions_metadata_this_run') }}"
) }}
{#- Derived mobile sessions: upserted by session_id (spec §2.7), unless skip_derived. -#}
-- depends_on: {{ ref('snowplow_mobile_datamodel_metadata') }}
-- depends_on: {{ ref('snowplow_mobile_sessions_metadata_this_run') }}
select * from {{ ref('snowplow_mobile_sessions_this_run') }}
{% if var('snowplow_mobile__skip_derived') %}where false{% endif %}
