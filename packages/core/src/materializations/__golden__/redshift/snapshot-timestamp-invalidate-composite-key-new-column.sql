-- 1. stage snapshot changes (create)
create table "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp" as (
with snapshot_query as (
select id, status, amount, updated_at from "warehouse"."raw"."orders"
),
snapshotted_data as (
  select *, id as dbt_unique_key_1, status as dbt_unique_key_2
  from "warehouse"."snapshots"."orders_snapshot"
  where "dbt_valid_to" is null
),
insertions_source_data as (
  select *, id as dbt_unique_key_1, status as dbt_unique_key_2,
    updated_at as "dbt_updated_at",
    updated_at as "dbt_valid_from",
    coalesce(nullif(updated_at, updated_at), null) as "dbt_valid_to",
    md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(status as varchar), '') || '|' || coalesce(cast(updated_at as varchar), '')) as "dbt_scd_id"
  from snapshot_query
),
updates_source_data as (
  select *, id as dbt_unique_key_1, status as dbt_unique_key_2,
    updated_at as "dbt_updated_at",
    updated_at as "dbt_valid_from",
    updated_at as "dbt_valid_to"
  from snapshot_query
),
deletes_source_data as (
  select *, id as dbt_unique_key_1, status as dbt_unique_key_2
  from snapshot_query
),
insertions as (
  select 'insert' as dbt_change_type, source_data.*
  from insertions_source_data as source_data
  left outer join snapshotted_data on snapshotted_data.dbt_unique_key_1 = source_data.dbt_unique_key_1 and snapshotted_data.dbt_unique_key_2 = source_data.dbt_unique_key_2
  where snapshotted_data.dbt_unique_key_1 is null
    or (snapshotted_data.dbt_unique_key_1 is not null and (snapshotted_data."dbt_valid_from" < source_data."dbt_updated_at"))
),
updates as (
  select 'update' as dbt_change_type, source_data.*, snapshotted_data."dbt_scd_id"
  from updates_source_data as source_data
  join snapshotted_data on snapshotted_data.dbt_unique_key_1 = source_data.dbt_unique_key_1 and snapshotted_data.dbt_unique_key_2 = source_data.dbt_unique_key_2
  where (snapshotted_data."dbt_valid_from" < source_data."dbt_updated_at")
),
deletes as (
  select 'delete' as dbt_change_type, source_data.*,
    getdate()::timestamp as "dbt_valid_from",
    getdate()::timestamp as "dbt_updated_at",
    getdate()::timestamp as "dbt_valid_to",
    snapshotted_data."dbt_scd_id"
  from snapshotted_data
  left join deletes_source_data as source_data on snapshotted_data.dbt_unique_key_1 = source_data.dbt_unique_key_1 and snapshotted_data.dbt_unique_key_2 = source_data.dbt_unique_key_2
  where source_data.dbt_unique_key_1 is null
)
select * from insertions
union all
select * from updates
union all
select * from deletes
);

-- 2. add new columns (alter, transactional)
alter table "warehouse"."snapshots"."orders_snapshot" add column "currency" varchar(max);

-- 3. close changed rows (update, transactional)
update "warehouse"."snapshots"."orders_snapshot"
set "dbt_valid_to" = DBT_INTERNAL_SOURCE."dbt_valid_to"
from "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp" as DBT_INTERNAL_SOURCE
where DBT_INTERNAL_SOURCE."dbt_scd_id" = "warehouse"."snapshots"."orders_snapshot"."dbt_scd_id"
  and DBT_INTERNAL_SOURCE.dbt_change_type in ('update', 'delete')
  and "warehouse"."snapshots"."orders_snapshot"."dbt_valid_to" is null;

-- 4. insert new versions (insert, transactional)
insert into "warehouse"."snapshots"."orders_snapshot" ("id", "status", "amount", "updated_at", "currency", "dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to")
select DBT_INTERNAL_SOURCE."id", DBT_INTERNAL_SOURCE."status", DBT_INTERNAL_SOURCE."amount", DBT_INTERNAL_SOURCE."updated_at", DBT_INTERNAL_SOURCE."currency", DBT_INTERNAL_SOURCE."dbt_scd_id", DBT_INTERNAL_SOURCE."dbt_updated_at", DBT_INTERNAL_SOURCE."dbt_valid_from", DBT_INTERNAL_SOURCE."dbt_valid_to"
from "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp" as DBT_INTERNAL_SOURCE
where DBT_INTERNAL_SOURCE.dbt_change_type = 'insert';

-- 5. drop staging (drop)
drop table if exists "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp" cascade;
