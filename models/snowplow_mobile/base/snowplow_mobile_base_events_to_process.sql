{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_base_events_to_process' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_base']) }}
{#- Every client_session context row of the included sessions within the run limits (spec §8.2
    step 06: built from the context, not from events), ranked per event_id by collector_tstamp
    for de-duplication. -#}
{%- set limits = ref('snowplow_mobile_base_run_limits') %}
select
    cs.root_id as event_id,
    cs.root_tstamp as collector_tstamp,
    cs.session_id,
    cs.session_index,
    cs.previous_session_id,
    cs.device_user_id,
    cs.session_first_event_id,
    dense_rank() over (partition by cs.root_id order by cs.root_tstamp) as event_id_dedupe_index
from {{ snowplow_mobile_entity('client_session', '(select lower_limit from ' ~ limits ~ ')', '(select upper_limit from ' ~ limits ~ ')') }} as cs
where cs.session_id in (select session_id from {{ ref('snowplow_mobile_base_sessions_to_include') }})
