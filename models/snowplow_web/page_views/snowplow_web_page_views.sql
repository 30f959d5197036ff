{{ config(
    materialized='incremental',
    incremental_strategy='append',
    schema=var('snowplow_web__output_schema'),
    alias='page_views' ~ var('snowplow_web__entropy'),
    tags=['snowplow_web_page_views'],
    pre_hook="{% if is_incremental() %}{{ snowplow_upsert_delete(this, ref('snowplow_web_page_views_this_run'), 'page_view_id', 'start_tstamp', var('snowplow_web__upsert_lookback_days')) }}{% endif %}",
    post_hook="insert into {{ ref('snowplow_web_datamodel_metadata') }} select * from {{ ref('snowplow_web_pv_metadata_this_run') }}"
) }}
{#- Derived page views: this run's rows replace the stored ones by page_view_id (pre-hook delete
    bounded by upsert_lookback_days, spec §2.7), unless skip_derived. -#}
-- depends_on: {{ ref('snowplow_web_datamodel_metadata') }}
-- depends_on: {{ ref('snowplow_web_pv_metadata_this_run') }}
select * from {{ ref('snowplow_web_page_views_this_run') }}
{% if var('snowplow_web__skip_derived') %}where false{% endif %}
