{{ config(
    materialized='incremental',
    unique_key='anonymous_id',
    incremental_strategy='delete+insert',
    enabled=var('segment_enabled', true)
) }}
{#- One row per session, aggregated from ALL of its page views. Incremental runs rebuild every
    session of each device whose page views changed, replacing the device's rows (unique_key
    anonymous_id), so a session that began before any window is never re-aggregated from a
    subset of its page views (upstream bug #62) and renumbered sessions leave no orphans. -#}
{%- set pass_through = var('segment_pass_through_columns', []) %}
{#- (source column, output column) pairs, in the output order of the spec. -#}
{%- set first_values = [
    ['utm_source', 'utm_source'],
    ['utm_content', 'utm_content'],
    ['utm_medium', 'utm_medium'],
    ['utm_campaign', 'utm_campaign'],
    ['utm_term', 'utm_term'],
    ['gclid', 'gclid'],
    ['page_url', 'first_page_url'],
    ['page_url_host', 'first_page_url_host'],
    ['page_url_path', 'first_page_url_path'],
    ['page_url_query', 'first_page_url_query'],
    ['referrer', 'referrer'],
    ['referrer_host', 'referrer_host'],
    ['device', 'device'],
    ['device_category', 'device_category']
] %}
{%- set last_values = [
    ['page_url', 'last_page_url'],
    ['page_url_host', 'last_page_url_host'],
    ['page_url_path', 'last_page_url_path'],
    ['page_url_query', 'last_page_url_query']
] %}
{%- for column in pass_through %}
  {%- do first_values.append([column, 'first_' ~ column]) %}
  {%- do last_values.append([column, 'last_' ~ column]) %}
{%- endfor %}

with pageviews_sessionized as (

    select * from {{ ref('page_views__sessionized') }}
    {%- if is_incremental() %}
    where anonymous_id in (
        {{ tsmodel_sessionization.segment_changed_devices(ref('page_views__sessionized'), 'count(*)', this) }}
    )
    {%- endif %}

),

referrer_mapping as (

    select * from {{ ref('referrer_mapping') }}

),

agg as (

    select distinct
        session_id,
        anonymous_id,
        min(tstamp) over (partition by session_id) as session_start_tstamp,
        max(tstamp) over (partition by session_id) as session_end_tstamp,
        count(*) over (partition by session_id) as page_views,
        {%- for key, value in first_values %}
        first_value({{ key }}) over (partition by session_id order by page_view_number rows between unbounded preceding and unbounded following) as {{ value }},
        {%- endfor %}
        {%- for key, value in last_values %}
        last_value({{ key }}) over (partition by session_id order by page_view_number rows between unbounded preceding and unbounded following) as {{ value }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from pageviews_sessionized

),

diffs as (

    select
        *,
        {{ tsmodel_sessionization.datediff('session_start_tstamp', 'session_end_tstamp', 'second') }} as duration_in_s
    from agg

),

tiers as (

    select
        *,
        case
            when duration_in_s between 0 and 9 then '0s to 9s'
            when duration_in_s between 10 and 29 then '10s to 29s'
            when duration_in_s between 30 and 59 then '30s to 59s'
            when duration_in_s > 59 then '60s or more'
            else null
        end as duration_in_s_tier
    from diffs

),

mapped as (

    select
        tiers.*,
        referrer_mapping.medium as referrer_medium,
        referrer_mapping.source as referrer_source
    from tiers
    left join referrer_mapping on tiers.referrer_host = referrer_mapping.host

)

select * from mapped
