{{ config(schema=var('snowplow_web__scratch_schema'), alias='pv_page_view_id_duplicates_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_page_views']) }}
{#- page_view_ids seen on more than one page_view event; all their rows are removed (§3 step 03). -#}
select page_view_id, count(*) as num_rows, count(distinct event_id) as dist_event_ids
from {{ ref('snowplow_web_pv_page_view_events') }}
group by 1
having count(*) > 1
