{{ config(schema=var('snowplow_mobile__scratch_schema'), alias='mobile_sv_screen_view_events' ~ var('snowplow_mobile__entropy'), tags=['snowplow_mobile_screen_views']) }}
{#- screen_view events of mobile_events_staged with their screen_view event fields (spec §8.3
    steps 2-4), the event's scan bounded by the staged screen views' collector_tstamp range;
    indexed per screen_view_id by derived_tstamp for de-duplication. -#}
{%- set staged = ref('snowplow_mobile_events_staged') %}
{%- set bounds = "(select %s(collector_tstamp) from " ~ staged ~ " where event_name = 'screen_view')" %}
select
    e.*,
    sv.screen_view_id,
    sv.screen_view_name,
    sv.screen_view_previous_id,
    sv.screen_view_previous_name,
    sv.screen_view_previous_type,
    sv.screen_view_transition_type,
    sv.screen_view_type,
    row_number() over (partition by sv.screen_view_id order by e.derived_tstamp) as screen_view_id_index
from {{ staged }} as e
inner join {{ snowplow_mobile_entity('screen_view', bounds | replace('%s', 'min'), bounds | replace('%s', 'max')) }} as sv
    on e.event_id = sv.root_id and e.collector_tstamp = sv.root_tstamp
where e.event_name = 'screen_view'
  and sv.screen_view_id is not null
