{{ config(
    materialized='incremental',
    unique_key='anonymous_id',
    incremental_strategy='delete+insert',
    enabled=var('segment_enabled', true)
) }}
{#- Stitched sessions with session_number: 1, 2, 3 … per blended user across all devices, by
    session start (ties broken by session_id so every build numbers alike). Incremental runs
    renumber every session of each blended user that one of the changed devices belonged to
    before or belongs to now, so numbers stay gapless and unique per user. -#}

with stitched as (

    select * from {{ ref('sessions__stitched') }}

),

{% if is_incremental() %}
changed_devices as (

    {{ tsmodel_sessionization.segment_changed_devices(ref('sessions__stitched'), 'sum(page_views)', this, compare_blended=true) }}

),

affected_users as (

    select blended_user_id from stitched
    where anonymous_id in (select anonymous_id from changed_devices)
    union
    select blended_user_id from {{ this }}
    where anonymous_id in (select anonymous_id from changed_devices)

),

sessions as (

    select * from stitched
    where blended_user_id in (select blended_user_id from affected_users)

),
{% else %}
sessions as (

    select * from stitched

),
{% endif %}

numbered as (

    select
        *,
        row_number() over (partition by blended_user_id order by session_start_tstamp, session_id) as session_number
    from sessions

)

select * from numbered
