{{ config(schema=var('snowplow_web__scratch_schema'), alias='events_this_run' ~ var('snowplow_web__entropy'), tags=['snowplow_web_base']) }}
{#- De-duplicated events of this run with the web_page context's id as page_view_id (spec §2.2
    steps 07-08). The context comes from the shredded table joined on (root_id, root_tstamp)
    (Redshift layout) or from the JSON context column (`snowplow_web__context_format: json`). -#}
{%- set fmt = var('snowplow_web__context_format') %}
select
    e.*,
{%- if fmt == 'json' %}
    cast({{ snowplow_json_context_field('e.' ~ var('snowplow_web__web_page_context_column'), 'id') }} as varchar) as page_view_id
{%- else %}
    cast(c.id as varchar) as page_view_id
{%- endif %}
from {{ ref('snowplow_web_base_events_this_run_tmp') }} as e
{%- if fmt != 'json' %}
left join (
    select c.root_id, c.root_tstamp, c.id
    from {{ var('snowplow_web__web_page_context') }} as c
    cross join {{ ref('snowplow_web_base_run_limits') }} as l
    where c.root_tstamp >= l.lower_limit and c.root_tstamp <= l.upper_limit
) as c
    on e.event_id = c.root_id and e.collector_tstamp = c.root_tstamp
{%- endif %}
where e.event_id not in (select event_id from {{ ref('snowplow_web_base_duplicates_this_run') }})
