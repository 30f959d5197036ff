{{ config(
    schema=var('snowplow_mobile__scratch_schema'),
    alias='mobile_users_complete' ~ var('snowplow_mobile__entropy'),
    tags=['snowplow_mobile_users'],
    after_consumers_of=['snowplow_mobile_sessions_userid_manifest_staged', 'snowplow_mobile_users_userids_this_run', 'snowplow_mobile_users_limits', 'snowplow_mobile_users_sessions_this_run', 'snowplow_mobile_users_this_run'],
    post_hook=[
        "begin transaction;
         delete from {{ ref('snowplow_mobile_users_manifest') }}
         where device_user_id in (select device_user_id from {{ ref('snowplow_mobile_users_userids_this_run') }});
         insert into {{ ref('snowplow_mobile_users_manifest') }}
         select device_user_id, start_tstamp from {{ ref('snowplow_mobile_users_userids_this_run') }};
         delete from {{ ref('snowplow_mobile_sessions_userid_manifest_staged') }};
         commit",
        "{{ snowplow_cleanup('snowplow_mobile', ['snowplow_mobile_users_userids_this_run', 'snowplow_mobile_users_metadata_this_run'], ['snowplow_mobile_users_limits', 'snowplow_mobile_users_sessions_this_run', 'snowplow_mobile_users_this_run']) }}"
    ]
) }}
{#- Users' complete step (99-users-complete): commits mobile_users_manifest and clears
    mobile_sessions_userid_manifest_staged in one transaction, then cleans up. -#}
select
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_id,
    (select count(*) from {{ ref('snowplow_mobile_users_userids_this_run') }}) as users_committed
