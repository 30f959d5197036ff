{{ config(materialized='table', enabled=var('segment_enabled', true)) }}
{#- One row per device (anonymous_id): the most recent user_id ever seen on it. Rebuilt in full
    every run, so a login on a device re-attributes all of that device's history. Ties on tstamp
    are broken by page_view_id so every build picks the same user. -#}

with page_views as (

    select * from {{ ref('page_views') }}

)

select distinct
    anonymous_id,
    {{ tsmodel_sessionization.last_non_null_value('user_id', 'anonymous_id', 'tstamp, page_view_id') }} as user_id,
    min(tstamp) over (partition by anonymous_id) as first_seen_at,
    max(tstamp) over (partition by anonymous_id) as last_seen_at
from page_views
