{#- The base module's manifest commit (99-base-complete), shared by the web and mobile models:
    one transaction that records this run's event ids and sessions in the two manifests.
    `model` is `snowplow_web` or `snowplow_mobile`; run as the complete step's post-hook. -#}
{% macro snowplow_commit_base_manifests(model) -%}
begin transaction;
delete from {{ ref(model ~ '_base_event_id_manifest') }}
where event_id in (select event_id from {{ ref(model ~ '_base_event_ids_this_run') }})
  and collector_tstamp >= (select lower_limit from {{ ref(model ~ '_base_run_limits') }});
insert into {{ ref(model ~ '_base_event_id_manifest') }}
select event_id, collector_tstamp from {{ ref(model ~ '_base_event_ids_this_run') }};
delete from {{ ref(model ~ '_base_session_id_manifest') }}
where session_id in (select session_id from {{ ref(model ~ '_base_sessions_to_include') }});
insert into {{ ref(model ~ '_base_session_id_manifest') }}
select session_id, min_tstamp from {{ ref(model ~ '_base_sessions_to_include') }};
commit
{%- endmacro %}
