{{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key='page_view_id') }}
{#- The spec's custom module example (custom/02-page-views-join), as a user would write it: it
    reads the staged tables and needs no ordering config — the complete steps that clear
    events_staged and page_views_staged wait for it because it refs them. (first_link_target is
    left out: the test data has no link_click event table.) -#}
with link_clicks as (
    select page_view_id, count(*) as link_clicks
    from {{ ref('snowplow_web_events_staged') }}
    where event_name = 'link_click' and page_view_id is not null
    group by 1
)

select
    pv.page_view_id,
    coalesce(lc.link_clicks, 0) as link_clicks,
    pv.engaged_time_in_s = 0 as bounced_page_view,
    cast(pv.vertical_percentage_scrolled / 100 * 0.3 + (pv.engaged_time_in_s // 600) * 0.7 as double) as engagement_score,
    case
        when pv.refr_medium = 'search' and (lower(pv.mkt_medium) similar to '.*(cpc|ppc|sem|paidsearch).*' or lower(pv.mkt_source) similar to '.*(cpc|ppc|sem|paidsearch).*') then 'paidsearch'
        when lower(pv.mkt_medium) similar to '.*(cpv|cpa|cpp|content-text|advertising|ads).*' then 'advertising'
        when lower(pv.mkt_medium) similar to '.*(display|cpm|banner).*' then 'display'
        when pv.refr_medium is null and pv.page_url not like '%utm_%' then 'direct'
        when lower(pv.refr_medium) = 'search' or lower(pv.mkt_medium) similar to '.*(organic|seo).*' then 'organicsearch'
        when lower(pv.refr_medium) = 'social' or lower(pv.mkt_medium) similar to '.*(social|social-network|sm|social network|social media).*' then 'social'
        when lower(pv.refr_medium) = 'email' or lower(pv.mkt_medium) similar to '.*(email|e-mail|e_mail|e mail).*' then 'email'
        when lower(pv.mkt_medium) similar to '.*affiliate.*' then 'affiliate'
        when lower(pv.refr_medium) = 'unknown' or lower(pv.mkt_medium) similar to '.*referral.*' then 'referral'
        when pv.refr_medium = 'internal' then 'internal'
        else 'others'
    end as channel
from {{ ref('snowplow_web_page_views_staged') }} as pv
left join link_clicks as lc on pv.page_view_id = lc.page_view_id
