{{ config(schema=var('snowplow_web__scratch_schema'), alias='sessions_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_sessions']) }}
{#- Sessions of this run from page_views_staged (spec §4, columns §7.2). Fields come from the
    index-1 page view; last_page_* from the page view whose index equals the page view count. -#}
{%- set page_fields = ['title', 'url', 'urlscheme', 'urlhost', 'urlpath', 'urlquery', 'urlfragment'] %}
{%- set addons = [] %}
{%- for name, spec in snowplow_web_addons().items() %}{% for col in spec[2] %}{% do addons.append(col[0]) %}{% endfor %}{% endfor %}
with pv as (
    select * from {{ ref('snowplow_web_page_views_staged') }}
),

aggregates as (
    select
        domain_sessionid,
        min(start_tstamp) as start_tstamp,
        max(end_tstamp) as end_tstamp,
        count(distinct page_view_id) as page_views,
        sum(engaged_time_in_s) as engaged_time_in_s
    from pv
    group by 1
),

lasts as (
    select
        a.domain_sessionid
        {%- for f in page_fields %},
        pv.page_{{ f }} as last_page_{{ f }}
        {%- endfor %}
    from aggregates as a
    inner join pv on a.domain_sessionid = pv.domain_sessionid and a.page_views = pv.page_view_in_session_index
)

select
    pv.app_id,
    pv.domain_sessionid,
    pv.domain_sessionidx,
    a.start_tstamp,
    a.end_tstamp,
    pv.user_id,
    pv.domain_userid,
    pv.network_userid,
    cast(a.page_views as integer) as page_views,
    cast(a.engaged_time_in_s as integer) as engaged_time_in_s,
    cast({{ datediff('a.start_tstamp', 'a.end_tstamp', 'second') }} as integer) as absolute_time_in_s,
    {%- for f in page_fields %}
    pv.page_{{ f }} as first_page_{{ f }},
    {%- endfor %}
    {%- for f in page_fields %}
    l.last_page_{{ f }},
    {%- endfor %}
    pv.page_referrer as referrer,
    pv.refr_urlscheme,
    pv.refr_urlhost,
    pv.refr_urlpath,
    pv.refr_urlquery,
    pv.refr_urlfragment,
    pv.refr_medium,
    pv.refr_source,
    pv.refr_term,
    pv.mkt_medium,
    pv.mkt_source,
    pv.mkt_term,
    pv.mkt_content,
    pv.mkt_campaign,
    pv.mkt_clickid,
    pv.mkt_network,
    pv.geo_country,
    pv.geo_region,
    pv.geo_region_name,
    pv.geo_city,
    pv.geo_zipcode,
    pv.geo_latitude,
    pv.geo_longitude,
    pv.geo_timezone,
    pv.user_ipaddress,
    pv.useragent,
    pv.br_renderengine,
    pv.br_lang,
    pv.os_timezone
    {%- for c in addons %},
    pv.{{ c }}
    {%- endfor %}
from aggregates as a
inner join pv
    on a.domain_sessionid = pv.domain_sessionid
    and a.start_tstamp = pv.start_tstamp
    and pv.page_view_in_session_index = 1
inner join lasts as l on a.domain_sessionid = l.domain_sessionid
