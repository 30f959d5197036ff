{{ config(
    materialized='incremental',
    unique_key='anonymous_id',
    incremental_strategy='delete+insert',
    enabled=var('segment_enabled', true)
) }}
{#- Sessions with blended_user_id: the device's stitched user_id, else its anonymous_id.
    Incremental runs rebuild every session of each device whose sessions or stitched user
    changed, so a login re-attributes the device's historical sessions without a full refresh. -#}

with user_stitching as (

    select * from {{ ref('user_stitching') }}

),

sessions as (

    select * from {{ ref('sessions__initial') }}
    {%- if is_incremental() %}
    where anonymous_id in (
        {%- set upstream -%}
        (
            select
                initial.anonymous_id,
                initial.page_views,
                coalesce(stitching.user_id, initial.anonymous_id) as blended_user_id
            from {{ ref('sessions__initial') }} as initial
            left join user_stitching as stitching on initial.anonymous_id = stitching.anonymous_id
        )
        {%- endset %}
        {{ tsmodel_sessionization.segment_changed_devices(upstream, 'sum(page_views)', this, compare_blended=true) }}
    )
    {%- endif %}

),

joined as (

    select
        sessions.*,
        coalesce(user_stitching.user_id, sessions.anonymous_id) as blended_user_id
    from sessions
    left join user_stitching on sessions.anonymous_id = user_stitching.anonymous_id

)

select * from joined
