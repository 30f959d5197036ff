{{ config(schema=var('snowplow_web__scratch_schema'), alias='pv_page_view_events' ~ var('snowplow_web__entropy'), tags=['snowplow_web_page_views']) }}
{#- page_view events of events_staged with a page_view_id, bot-filtered; the index in session is
    assigned before page_view_id de-duplication, as upstream (spec §3 step 02). -#}
select
    e.*,
    e.derived_tstamp as start_tstamp,
    row_number() over (partition by e.domain_sessionid order by e.derived_tstamp) as page_view_in_session_index
from {{ ref('snowplow_web_events_staged') }} as e
where e.event_name = 'page_view'
  and e.page_view_id is not null
{%- if var('snowplow_web__ua_bot_filter') %}
  and {{ snowplow_not_bot('e.useragent') }}
{%- endif %}
