{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_base_sessions_to_include' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_base']) }}
{#- Client sessions with events not yet in the event manifest (spec §8.2, §2.2 steps 02-04): the
    session id comes from the client_session context; only platform/app_id-filtered events count.
    A known session is kept while its newest new event is at most `days_late_allowed` day
    boundaries after the session's recorded start (upstream's rule, #96 in docs/snowplow.md). -#}
{%- set late = var('snowplow_mobile__days_late_allowed') %}
with limits as (
    select * from {{ ref('snowplow_mobile_base_new_events_limits') }}
),

run_manifest as (
    select m.event_id, m.collector_tstamp
    from {{ ref('snowplow_mobile_base_event_id_manifest') }} as m, limits
    where m.collector_tstamp >= limits.lower_limit
),

session_run_manifest as (
    select s.session_id, s.min_tstamp
    from {{ ref('snowplow_mobile_base_session_id_manifest') }} as s, limits
    where s.min_tstamp >= limits.session_limit
),

sessions_to_process as (
    select
        cs.session_id,
        min(e.collector_tstamp) as min_tstamp,
        max(e.collector_tstamp) as max_tstamp
    from {{ var('snowplow_mobile__events') }} as e
    cross join limits
    left join {{ snowplow_mobile_entity('client_session', '(select lower_limit from ' ~ ref('snowplow_mobile_base_new_events_limits') ~ ')', '(select upper_limit from ' ~ ref('snowplow_mobile_base_new_events_limits') ~ ')') }} as cs
        on e.event_id = cs.root_id and e.collector_tstamp = cs.root_tstamp
    left join run_manifest as m
        on e.event_id = m.event_id and e.collector_tstamp = m.collector_tstamp
    where m.event_id is null
      and e.collector_tstamp >= limits.lower_limit
      and e.collector_tstamp <= limits.upper_limit
      and cs.session_id is not null
      and {{ datediff('e.dvce_created_tstamp', 'e.dvce_sent_tstamp', 'day') }} <= {{ late }}
      and {{ snowplow_mobile_app_filters('e') }}
    group by 1
)

select
    a.session_id,
    {{ snowplow_least('a.min_tstamp', 'b.min_tstamp') }} as min_tstamp
from sessions_to_process as a
left join session_run_manifest as b on a.session_id = b.session_id
where a.session_id is not null
  and {{ datediff('coalesce(b.min_tstamp, a.max_tstamp)', 'a.max_tstamp', 'day') }} <= {{ late }}
