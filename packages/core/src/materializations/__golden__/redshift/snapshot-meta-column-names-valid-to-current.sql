-- 1. stage snapshot changes (create)
create table "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp" as (
with snapshot_query as (
select id, status, amount, updated_at from "warehouse"."raw"."orders"
),
snapshotted_data as (
  select *, id as dbt_unique_key
  from "warehouse"."snapshots"."orders_snapshot"
  where ("valid_to" = cast('9999-12-31' as timestamp) or "valid_to" is null)
),
insertions_source_data as (
  select *, id as dbt_unique_key,
    updated_at as "changed_at",
    updated_at as "valid_from",
    coalesce(nullif(updated_at, updated_at), cast('9999-12-31' as timestamp)) as "valid_to",
    md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(updated_at as varchar), '')) as "version_id"
  from snapshot_query
),
updates_source_data as (
  select *, id as dbt_unique_key,
    updated_at as "changed_at",
    updated_at as "valid_from",
    updated_at as "valid_to"
  from snapshot_query
),
insertions as (
  select 'insert' as dbt_change_type, source_data.*
  from insertions_source_data as source_data
  left outer join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where snapshotted_data.dbt_unique_key is null
    or (snapshotted_data.dbt_unique_key is not null and (snapshotted_data."valid_from" < source_data."changed_at"))
),
updates as (
  select 'update' as dbt_change_type, source_data.*, snapshotted_data."version_id"
  from updates_source_data as source_data
  join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where (snapshotted_data."valid_from" < source_data."changed_at")
)
select * from insertions
union all
select * from updates
);

-- 2. close changed rows (update, transactional)
update "warehouse"."snapshots"."orders_snapshot"
set "valid_to" = DBT_INTERNAL_SOURCE."valid_to"
from "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp" as DBT_INTERNAL_SOURCE
where DBT_INTERNAL_SOURCE."version_id" = "warehouse"."snapshots"."orders_snapshot"."version_id"
  and DBT_INTERNAL_SOURCE.dbt_change_type in ('update', 'delete')
  and ("warehouse"."snapshots"."orders_snapshot"."valid_to" = cast('9999-12-31' as timestamp) or "warehouse"."snapshots"."orders_snapshot"."valid_to" is null);

-- 3. insert new versions (insert, transactional)
insert into "warehouse"."snapshots"."orders_snapshot" ("id", "status", "amount", "updated_at", "version_id", "changed_at", "valid_from", "valid_to")
select DBT_INTERNAL_SOURCE."id", DBT_INTERNAL_SOURCE."status", DBT_INTERNAL_SOURCE."amount", DBT_INTERNAL_SOURCE."updated_at", DBT_INTERNAL_SOURCE."version_id", DBT_INTERNAL_SOURCE."changed_at", DBT_INTERNAL_SOURCE."valid_from", DBT_INTERNAL_SOURCE."valid_to"
from "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp" as DBT_INTERNAL_SOURCE
where DBT_INTERNAL_SOURCE.dbt_change_type = 'insert';

-- 4. drop staging (drop)
drop table if exists "warehouse"."snapshots"."orders_snapshot__tsmodel_tmp" cascade;
