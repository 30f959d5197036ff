{{ config(
    materialized='incremental',
    incremental_strategy='append',
    enabled=var('snowplow_mobile__app_errors_enabled') and not var('snowplow_mobile__skip_derived'),
    schema=var('snowplow_mobile__output_schema'),
    alias='mobile_app_errors' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_app_errors'],
    pre_hook="{% if is_incremental() %}{{ snowplow_upsert_delete(this, ref('snowplow_mobile_app_errors_this_run'), 'event_id', 'derived_tstamp', var('snowplow_mobile__upsert_lookback_days')) }}{% endif %}"
) }}
{#- Derived app errors, only when the module is enabled and not skip_derived (spec §8.4):
    upserted by event_id, delete bounded by upsert_lookback_days on derived_tstamp. -#}
select * from {{ ref('snowplow_mobile_app_errors_this_run') }}
