{{ config(
    materialized='incremental',
    unique_key='page_view_id',
    incremental_strategy='delete+insert',
    enabled=var('segment_enabled', true)
) }}
{#- Every page view with its device-level ordinal and session_id. A page view opens a new
    session when it is the device's first or when more than segment_inactivity_cutoff seconds
    (whole-second boundaries) passed since the previous one.

    Incremental runs find the devices that received data since the last run by LOAD time
    (received_at, with a lookback of segment_sessionization_trailing_window hours for rows that
    reach the warehouse out of order) and re-sessionize each such device's whole history, so a
    late event anywhere in it re-numbers the device exactly as a full refresh would. -#}

with page_views as (

    select * from {{ ref('page_views') }}

),

{% if is_incremental() %}
loaded_since_last_run as (

    select anonymous_id
    from page_views
    where received_at_tstamp > coalesce(
        (select {{ tsmodel_sessionization.dateadd('hour', -var('segment_sessionization_trailing_window'), 'max(received_at_tstamp)') }} from {{ this }}),
        cast('1900-01-01' as {{ tsmodel_sessionization.type_timestamp() }})
    )

),

pageviews as (

    select * from page_views
    where anonymous_id in (select anonymous_id from loaded_since_last_run)
       or (anonymous_id is null and exists (select 1 from loaded_since_last_run where anonymous_id is null))

),
{% else %}
pageviews as (

    select * from page_views

),
{% endif %}

numbered as (

    select
        *,
        row_number() over (partition by anonymous_id order by tstamp, page_view_id) as page_view_number
    from pageviews

),

lagged as (

    select
        *,
        lag(tstamp) over (partition by anonymous_id order by page_view_number) as previous_tstamp
    from numbered

),

diffed as (

    select
        *,
        {{ tsmodel_sessionization.datediff('previous_tstamp', 'tstamp', 'second') }} as period_of_inactivity
    from lagged

),

new_sessions as (

    select
        *,
        case
            when period_of_inactivity <= {{ var('segment_inactivity_cutoff') }} then 0
            else 1
        end as new_session
    from diffed

),

session_numbers as (

    select
        *,
        sum(new_session) over (
            partition by anonymous_id
            order by page_view_number
            rows between unbounded preceding and current row
        ) as session_number
    from new_sessions

),

session_ids as (

    select
        {{ tsmodel_sessionization.page_view_columns() }},
        page_view_number,
        {{ tsmodel_sessionization.surrogate_key(['anonymous_id', 'session_number']) }} as session_id
    from session_numbers

)

select * from session_ids
