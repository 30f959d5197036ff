{{ config(
    materialized='incremental',
    incremental_strategy='append',
    schema=var('snowplow_mobile__output_schema'),
    alias='mobile_users' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_users'],
    pre_hook="{% if is_incremental() %}delete from {{ this }} where device_user_id in (select device_user_id from {{ ref('snowplow_mobile_users_this_run') }}) and start_tstamp >= (select lower_limit from {{ ref('snowplow_mobile_users_limits') }}){% endif %}",
    post_hook="insert into {{ ref('snowplow_mobile_datamodel_metadata') }} select * from {{ ref('snowplow_mobile_users_metadata_this_run') }}"
) }}
{#- Derived mobile users: replaced by device_user_id from the earliest user start of the run on
    (no upsert lookback, spec §2.7), unless skip_derived. -#}
-- depends_on: {{ ref('snowplow_mobile_datamodel_metadata') }}
-- depends_on: {{ ref('snowplow_mobile_users_metadata_this_run') }}
-- depends_on: {{ ref('snowplow_mobile_users_limits') }}
select * from {{ ref('snowplow_mobile_users_this_run') }}
{% if var('snowplow_mobile__skip_derived') %}where false{% endif %}
