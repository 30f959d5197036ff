{{ config(materialized='view') }}
{#- The 0.2.0 edge-case events as upstream ran them: the `stray page ping` and `NULL
    domain_userid` cases were removed from the input before the runs. -#}
select * from {{ ref('snowplow_web_events_0_2_0') }}
where user_id is null or user_id not in ('stray page ping', 'NULL domain_userid')
