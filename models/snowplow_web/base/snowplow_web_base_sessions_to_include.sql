{{ config(schema=var('snowplow_web__scratch_schema'), alias='base_sessions_to_include' ~ var('snowplow_web__entropy'), tags=['snowplow_web_base']) }}
{#- Sessions with events not yet in the event manifest (spec §2.2 steps 02-04). A known session
    is kept while its newest new event is at most `days_late_allowed` day boundaries after the
    session's recorded start (upstream's rule, kept as is: see docs/snowplow.md on #96). -#}
{%- set late = var('snowplow_web__days_late_allowed') %}
with limits as (
    select * from {{ ref('snowplow_web_base_new_events_limits') }}
),

run_manifest as (
    select m.event_id, m.collector_tstamp
    from {{ ref('snowplow_web_base_event_id_manifest') }} as m, limits
    where m.collector_tstamp >= limits.lower_limit
),

session_run_manifest as (
    select s.session_id, s.min_tstamp
    from {{ ref('snowplow_web_base_session_id_manifest') }} as s, limits
    where s.min_tstamp >= limits.session_limit
),

sessions_to_process as (
    select
        e.domain_sessionid as session_id,
        min(e.collector_tstamp) as min_tstamp,
        max(e.collector_tstamp) as max_tstamp
    from {{ var('snowplow_web__events') }} as e
    cross join limits
    left join run_manifest as m
        on e.event_id = m.event_id and e.collector_tstamp = m.collector_tstamp
    where m.event_id is null
      and e.collector_tstamp >= limits.lower_limit
      and e.collector_tstamp <= limits.upper_limit
      and e.domain_sessionid is not null
      and {{ datediff('e.dvce_created_tstamp', 'e.dvce_sent_tstamp', 'day') }} <= {{ late }}
    group by 1
)

select
    a.session_id,
    {{ snowplow_least('a.min_tstamp', 'b.min_tstamp') }} as min_tstamp
from sessions_to_process as a
left join session_run_manifest as b on a.session_id = b.session_id
where a.session_id is not null
  and {{ datediff('coalesce(b.min_tstamp, a.max_tstamp)', 'a.max_tstamp', 'day') }} <= {{ late }}
