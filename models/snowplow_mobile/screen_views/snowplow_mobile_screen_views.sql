{{ config(
    materialized='incremental',
    incremental_strategy='append',
    schema=var('snowplow_mobile__output_schema'),
    alias='mobile_screen_views' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_screen_views'],
    pre_hook="{% if is_incremental() %}{{ snowplow_upsert_delete(this, ref('snowplow_mobile_screen_views_this_run'), 'screen_view_id', 'derived_tstamp', var('snowplow_mobile__upsert_lookback_days')) }}{% endif %}",
    post_hook="insert into {{ ref('snowplow_mobile_datamodel_metadata') }} select * from {{ ref('snowplow_mobile_sv_metadata_this_run') }}"
) }}
{#- Derived screen views: this run's rows replace the stored ones by screen_view_id (pre-hook
    delete bounded by upsert_lookback_days on derived_tstamp, spec §2.7), unless skip_derived. -#}
-- depends_on: {{ ref('snowplow_mobile_datamodel_metadata') }}
-- depends_on: {{ ref('snowplow_mobile_sv_metadata_this_run') }}
select * from {{ ref('snowplow_mobile_screen_views_this_run') }}
{% if var('snowplow_mobile__skip_derived') %}where false{% endif %}
