{{ config(
    schema=var('snowplow_web__scratch_schema'),
    alias='users_complete' ~ var('snowplow_web__entropy'),
    tags=['snowplow_web_users'],
    after_consumers_of=['snowplow_web_sessions_userid_manifest_staged', 'snowplow_web_users_userids_this_run', 'snowplow_web_users_limits', 'snowplow_web_users_sessions_this_run', 'snowplow_web_users_this_run'],
    post_hook=[
        "begin transaction;
         delete from {{ ref('snowplow_web_users_manifest') }}
         where domain_userid in (select domain_userid from {{ ref('snowplow_web_users_userids_this_run') }});
         insert into {{ ref('snowplow_web_users_manifest') }}
         select domain_userid, start_tstamp from {{ ref('snowplow_web_users_userids_this_run') }};
         delete from {{ ref('snowplow_web_sessions_userid_manifest_staged') }};
         commit",
        "{{ snowplow_cleanup('snowplow_web', ['snowplow_web_users_userids_this_run', 'snowplow_web_users_metadata_this_run'], ['snowplow_web_users_limits', 'snowplow_web_users_sessions_this_run', 'snowplow_web_users_this_run']) }}"
    ]
) }}
{#- Users' complete step (99-users-complete): commits users_manifest and clears
    sessions_userid_manifest_staged in one transaction, then cleans up. -#}
select
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_id,
    (select count(*) from {{ ref('snowplow_web_users_userids_this_run') }}) as users_committed
