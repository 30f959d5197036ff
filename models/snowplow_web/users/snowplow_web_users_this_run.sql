{{ config(schema=var('snowplow_web__scratch_schema'), alias='users_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_users']) }}
{#- Users of this run (spec §5, columns §7.3): first-session fields, last_page_* of the session
    that ended last. -#}
{%- set page_fields = ['title', 'url', 'urlscheme', 'urlhost', 'urlpath', 'urlquery', 'urlfragment'] %}
with sessions as (
    select * from {{ ref('snowplow_web_users_sessions_this_run') }}
),

aggregates as (
    select
        domain_userid,
        min(start_tstamp) as start_tstamp,
        max(end_tstamp) as end_tstamp,
        sum(page_views) as page_views,
        count(distinct domain_sessionid) as sessions,
        sum(engaged_time_in_s) as engaged_time_in_s
    from sessions
    group by 1
),

lasts as (
    select
        a.domain_userid
        {%- for f in page_fields %},
        s.last_page_{{ f }}
        {%- endfor %}
    from aggregates as a
    inner join sessions as s on a.domain_userid = s.domain_userid and a.end_tstamp = s.end_tstamp
)

select
    s.user_id,
    a.domain_userid,
    s.network_userid,
    a.start_tstamp,
    a.end_tstamp,
    cast(a.page_views as integer) as page_views,
    cast(a.sessions as integer) as sessions,
    cast(a.engaged_time_in_s as integer) as engaged_time_in_s,
    {%- for f in page_fields %}
    s.first_page_{{ f }},
    {%- endfor %}
    {%- for f in page_fields %}
    l.last_page_{{ f }},
    {%- endfor %}
    s.referrer,
    s.refr_urlscheme,
    s.refr_urlhost,
    s.refr_urlpath,
    s.refr_urlquery,
    s.refr_urlfragment,
    s.refr_medium,
    s.refr_source,
    s.refr_term,
    s.mkt_medium,
    s.mkt_source,
    s.mkt_term,
    s.mkt_content,
    s.mkt_campaign,
    s.mkt_clickid,
    s.mkt_network
from aggregates as a
inner join sessions as s on a.domain_userid = s.domain_userid and a.start_tstamp = s.start_tstamp
inner join lasts as l on a.domain_userid = l.domain_userid
