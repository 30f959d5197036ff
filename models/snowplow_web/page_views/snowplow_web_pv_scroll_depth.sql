{{ config(schema=var('snowplow_web__scratch_schema'), alias='pv_scroll_depth' ~ var('snowplow_web__entropy'), tags=['snowplow_web_page_views']) }}
{#- Scroll depth from page views and pings (§3 step 05): offsets clamped to the document size,
    percentages include the viewport. -#}
with agg as (
    select
        page_view_id,
        max(doc_width) as doc_width,
        max(doc_height) as doc_height,
        max(br_viewwidth) as br_viewwidth,
        max(br_viewheight) as br_viewheight,
        {{ snowplow_least(snowplow_greatest('min(coalesce(cast(pp_xoffset_min as integer), 0))', '0'), 'max(doc_width)') }} as hmin,
        {{ snowplow_least(snowplow_greatest('max(coalesce(cast(pp_xoffset_max as integer), 0))', '0'), 'max(doc_width)') }} as hmax,
        {{ snowplow_least(snowplow_greatest('min(coalesce(cast(pp_yoffset_min as integer), 0))', '0'), 'max(doc_height)') }} as vmin,
        {{ snowplow_least(snowplow_greatest('max(coalesce(cast(pp_yoffset_max as integer), 0))', '0'), 'max(doc_height)') }} as vmax
    from {{ ref('snowplow_web_events_staged') }}
    where event_name in ('page_view', 'page_ping')
      and page_view_id is not null
      and doc_height > 0
      and doc_width > 0
    group by 1
)

select
    page_view_id,
    doc_width,
    doc_height,
    br_viewwidth,
    br_viewheight,
    hmin,
    hmax,
    vmin,
    vmax,
    cast(round(100 * cast({{ snowplow_greatest('hmin', '0') }} as double) / doc_width) as double) as relative_hmin,
    cast(round(100 * cast({{ snowplow_least('hmax + br_viewwidth', 'doc_width') }} as double) / doc_width) as double) as relative_hmax,
    cast(round(100 * cast({{ snowplow_greatest('vmin', '0') }} as double) / doc_height) as double) as relative_vmin,
    cast(round(100 * cast({{ snowplow_least('vmax + br_viewheight', 'doc_height') }} as double) / doc_height) as double) as relative_vmax
from agg
