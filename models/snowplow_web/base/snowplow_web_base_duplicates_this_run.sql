{{ config(schema=var('snowplow_web__scratch_schema'), alias='base_duplicates_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_base']) }}
{#- event_ids read more than once this run; all their rows are removed (Redshift rule, §2.4). -#}
select event_id, min(collector_tstamp) as min_tstamp, count(*) as num_rows
from {{ ref('snowplow_web_base_events_this_run_tmp') }}
group by 1
having count(*) > 1
