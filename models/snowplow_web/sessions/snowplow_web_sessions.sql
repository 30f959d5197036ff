{{ config(
    materialized='incremental',
    incremental_strategy='append',
    schema=var('snowplow_web__output_schema'),
    alias='sessions' ~ var('snowplow_web__entropy'),
    tags=['snowplow_web_sessions'],
    pre_hook="{% if is_incremental() %}{{ snowplow_upsert_delete(this, ref('snowplow_web_sessions_this_run'), 'domain_sessionid', 'start_tstamp', var('snowplow_web__upsert_lookback_days')) }}{% endif %}",
    post_hook="insert into {{ ref('snowplow_web_datamodel_metadata') }} select * from {{ ref('snowplow_web_sessions_metadata_this_run') }}"
) }}
{#- Derived sessions: upserted by domain_sessionid (spec §2.7), unless skip_derived. -#}
-- depends_on: {{ ref('snowplow_web_datamodel_metadata') }}
-- depends_on: {{ ref('snowplow_web_sessions_metadata_this_run') }}
select * from {{ ref('snowplow_web_sessions_this_run') }}
{% if var('snowplow_web__skip_derived') %}where false{% endif %}
