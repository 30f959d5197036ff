-- 1. stage snapshot changes (create)
create table "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp" as (
with snapshot_query as (
select id, status, amount, updated_at from "warehouse"."raw"."orders"
),
snapshotted_data as (
  select *, id as dbt_unique_key
  from "warehouse"."snapshots"."orders_snapshot"
  where "dbt_valid_to" is null
),
insertions_source_data as (
  select *, id as dbt_unique_key,
    now()::timestamp as "dbt_updated_at",
    now()::timestamp as "dbt_valid_from",
    coalesce(nullif(now()::timestamp, now()::timestamp), null) as "dbt_valid_to",
    md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(now()::timestamp as varchar), '')) as "dbt_scd_id"
  from snapshot_query
),
updates_source_data as (
  select *, id as dbt_unique_key,
    now()::timestamp as "dbt_updated_at",
    now()::timestamp as "dbt_valid_from",
    now()::timestamp as "dbt_valid_to"
  from snapshot_query
),
deletes_source_data as (
  select *, id as dbt_unique_key
  from snapshot_query
),
insertions as (
  select 'insert' as dbt_change_type, source_data.*, 'False' as "dbt_is_deleted"
  from insertions_source_data as source_data
  left outer join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where snapshotted_data.dbt_unique_key is null
    or (snapshotted_data.dbt_unique_key is not null and (snapshotted_data."status" != source_data."status" or ((snapshotted_data."status" is null) and not (source_data."status" is null)) or ((not snapshotted_data."status" is null) and (source_data."status" is null)) or snapshotted_data."amount" != source_data."amount" or ((snapshotted_data."amount" is null) and not (source_data."amount" is null)) or ((not snapshotted_data."amount" is null) and (source_data."amount" is null)) or snapshotted_data."dbt_is_deleted" = 'True'))
),
updates as (
  select 'update' as dbt_change_type, source_data.*, snapshotted_data."dbt_scd_id", snapshotted_data."dbt_is_deleted"
  from updates_source_data as source_data
  join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where (snapshotted_data."status" != source_data."status" or ((snapshotted_data."status" is null) and not (source_data."status" is null)) or ((not snapshotted_data."status" is null) and (source_data."status" is null)) or snapshotted_data."amount" != source_data."amount" or ((snapshotted_data."amount" is null) and not (source_data."amount" is null)) or ((not snapshotted_data."amount" is null) and (source_data."amount" is null)) or snapshotted_data."dbt_is_deleted" = 'True')
),
deletes as (
  select 'delete' as dbt_change_type, source_data.*,
    now()::timestamp as "dbt_valid_from",
    now()::timestamp as "dbt_updated_at",
    now()::timestamp as "dbt_valid_to",
    snapshotted_data."dbt_scd_id", snapshotted_data."dbt_is_deleted"
  from snapshotted_data
  left join deletes_source_data as source_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where source_data.dbt_unique_key is null
    and not (
      snapshotted_data."dbt_is_deleted" = 'True'
      and snapshotted_data."dbt_valid_to" is null
    )
),
deletion_records as (
  select 'insert' as dbt_change_type,
    snapshotted_data."id",
    snapshotted_data."status",
    snapshotted_data."amount",
    snapshotted_data."updated_at",
    snapshotted_data.dbt_unique_key as dbt_unique_key,
    now()::timestamp as "dbt_valid_from",
    now()::timestamp as "dbt_updated_at",
    snapshotted_data."dbt_valid_to" as "dbt_valid_to",
    md5(coalesce(cast(snapshotted_data."dbt_scd_id" as varchar), '') || '|' || coalesce(cast(now()::timestamp as varchar), '')) as "dbt_scd_id",
    'True' as "dbt_is_deleted"
  from snapshotted_data
  left join deletes_source_data as source_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where source_data.dbt_unique_key is null
    and not (
      snapshotted_data."dbt_is_deleted" = 'True'
      and snapshotted_data."dbt_valid_to" is null
    )
)
select * from insertions
union all
select * from updates
union all
select * from deletes
union all
select * from deletion_records
);

-- 2. close changed rows (update, transactional)
update "warehouse"."snapshots"."orders_snapshot" as DBT_INTERNAL_DEST
set "dbt_valid_to" = DBT_INTERNAL_SOURCE."dbt_valid_to"
from "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp" as DBT_INTERNAL_SOURCE
where DBT_INTERNAL_SOURCE."dbt_scd_id" = DBT_INTERNAL_DEST."dbt_scd_id"
  and DBT_INTERNAL_SOURCE.dbt_change_type in ('update', 'delete')
  and DBT_INTERNAL_DEST."dbt_valid_to" is null;

-- 3. insert new versions (insert, transactional)
insert into "warehouse"."snapshots"."orders_snapshot" ("id", "status", "amount", "updated_at", "dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "dbt_is_deleted")
select DBT_INTERNAL_SOURCE."id", DBT_INTERNAL_SOURCE."status", DBT_INTERNAL_SOURCE."amount", DBT_INTERNAL_SOURCE."updated_at", DBT_INTERNAL_SOURCE."dbt_scd_id", DBT_INTERNAL_SOURCE."dbt_updated_at", DBT_INTERNAL_SOURCE."dbt_valid_from", DBT_INTERNAL_SOURCE."dbt_valid_to", DBT_INTERNAL_SOURCE."dbt_is_deleted"
from "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp" as DBT_INTERNAL_SOURCE
where DBT_INTERNAL_SOURCE.dbt_change_type = 'insert';

-- 4. drop staging (drop)
drop table if exists "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp";
