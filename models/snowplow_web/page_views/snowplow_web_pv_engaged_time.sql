{{ config(schema=var('snowplow_web__scratch_schema'), alias='pv_engaged_time' ~ var('snowplow_web__entropy'), tags=['snowplow_web_page_views']) }}
{#- Engaged time from page pings (§3 step 04): one heartbeat per distinct heartbeat window after
    the first, which counts as the minimum visit length. All pings of events_staged count,
    including stray ones whose page view is in another batch (upstream rule, see #92 in docs). -#}
{%- set hb = var('snowplow_web__heartbeat') %}
select
    page_view_id,
    max(derived_tstamp) as end_tstamp,
    cast({{ hb }} * (count(distinct floor({{ snowplow_epoch('derived_tstamp') }} / {{ hb }})) - 1) + {{ var('snowplow_web__min_visit_length') }} as integer) as engaged_time_in_s
from {{ ref('snowplow_web_events_staged') }}
where event_name = 'page_ping'
  and page_view_id is not null
group by 1
