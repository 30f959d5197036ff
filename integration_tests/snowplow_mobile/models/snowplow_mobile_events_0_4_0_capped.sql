{#- The 0.4.0 events without those more than 3 days after their session's first event: the
    input on which SQL-runner v1 (no session length cap) and dbt-snowplow-mobile 0.4.0
    (`max_session_days: 3`) must agree exactly. Used by snowplow-mobile.test.ts via --vars. -#}
{{ config(materialized='table') }}
with sessions as (
    select
        event_id,
        collector_tstamp,
        min(collector_tstamp) over (
            partition by json_extract_string(cast(contexts_com_snowplowanalytics_snowplow_client_session_1_0_1 as json), '$[0].session_id')
        ) as session_start
    from {{ ref('snowplow_mobile_events_0_4_0') }}
)

select e.*
from {{ ref('snowplow_mobile_events_0_4_0') }} as e
inner join sessions as s on e.event_id = s.event_id and e.collector_tstamp = s.collector_tstamp
where e.collector_tstamp <= s.session_start + interval 3 day
