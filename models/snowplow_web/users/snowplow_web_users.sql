{{ config(
    materialized='incremental',
    incremental_strategy='append',
    schema=var('snowplow_web__output_schema'),
    alias='users' ~ var('snowplow_web__entropy'),
    tags=['snowplow_web_users'],
    pre_hook="{% if is_incremental() %}delete from {{ this }} where domain_userid in (select domain_userid from {{ ref('snowplow_web_users_this_run') }}) and start_tstamp >= (select lower_limit from {{ ref('snowplow_web_users_limits') }}){% endif %}",
    post_hook="insert into {{ ref('snowplow_web_datamodel_metadata') }} select * from {{ ref('snowplow_web_users_metadata_this_run') }}"
) }}
{#- Derived users: replaced by domain_userid from the earliest user start of the run on (no
    upsert lookback, spec §2.7), unless skip_derived. -#}
-- depends_on: {{ ref('snowplow_web_datamodel_metadata') }}
-- depends_on: {{ ref('snowplow_web_users_metadata_this_run') }}
-- depends_on: {{ ref('snowplow_web_users_limits') }}
select * from {{ ref('snowplow_web_users_this_run') }}
{% if var('snowplow_web__skip_derived') %}where false{% endif %}
