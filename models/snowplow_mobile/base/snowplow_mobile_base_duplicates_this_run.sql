{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_base_duplicates_this_run' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_base']) }}
{#- event_ids with more than one row at their earliest collector_tstamp: removed entirely (mobile
    Redshift rule, spec §2.4). Later-tstamp copies are dropped without being logged, as upstream. -#}
select event_id, count(*) as num_rows
from {{ ref('snowplow_mobile_base_events_to_process') }}
where event_id_dedupe_index = 1
group by 1
having count(*) > 1
