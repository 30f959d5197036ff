{{ config(schema=var('snowplow_web__scratch_schema'), alias='base_events_this_run_tmp' ~ var('snowplow_web__entropy'), tags=['snowplow_web_base']) }}
{#- Every event of every session with new data, from the session's first recorded tstamp on
    (session-based retrieval, spec §2.2 step 06), before de-duplication. -#}
select e.*
from {{ var('snowplow_web__events') }} as e
cross join {{ ref('snowplow_web_base_run_limits') }} as l
where e.domain_sessionid in (select session_id from {{ ref('snowplow_web_base_sessions_to_include') }})
  and e.collector_tstamp >= l.lower_limit
  and e.collector_tstamp <= l.upper_limit
