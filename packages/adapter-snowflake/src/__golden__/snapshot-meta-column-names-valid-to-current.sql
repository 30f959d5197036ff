-- 1. stage snapshot changes (create)
create transient table warehouse.snapshots.orders_snapshot__tsmodel_tmp as (
with snapshot_query as (
select id, status, amount, updated_at from "warehouse"."raw"."orders"
),
snapshotted_data as (
  select *, id as dbt_unique_key
  from warehouse.snapshots.orders_snapshot
  where (VALID_TO = cast('9999-12-31' as timestamp) or VALID_TO is null)
),
insertions_source_data as (
  select *, id as dbt_unique_key,
    updated_at as CHANGED_AT,
    updated_at as VALID_FROM,
    coalesce(nullif(updated_at, updated_at), cast('9999-12-31' as timestamp)) as VALID_TO,
    md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(updated_at as varchar), '')) as VERSION_ID
  from snapshot_query
),
updates_source_data as (
  select *, id as dbt_unique_key,
    updated_at as CHANGED_AT,
    updated_at as VALID_FROM,
    updated_at as VALID_TO
  from snapshot_query
),
insertions as (
  select 'insert' as dbt_change_type, source_data.*
  from insertions_source_data as source_data
  left outer join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where snapshotted_data.dbt_unique_key is null
    or (snapshotted_data.dbt_unique_key is not null and (snapshotted_data.VALID_FROM < source_data.CHANGED_AT))
),
updates as (
  select 'update' as dbt_change_type, source_data.*, snapshotted_data.VERSION_ID
  from updates_source_data as source_data
  join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where (snapshotted_data.VALID_FROM < source_data.CHANGED_AT)
)
select * from insertions
union all
select * from updates
);

-- 2. merge snapshot changes (merge, transactional)
merge into warehouse.snapshots.orders_snapshot as DBT_INTERNAL_DEST
using warehouse.snapshots.orders_snapshot__tsmodel_tmp as DBT_INTERNAL_SOURCE
on DBT_INTERNAL_SOURCE.VERSION_ID = DBT_INTERNAL_DEST.VERSION_ID
when matched
  and (DBT_INTERNAL_DEST.VALID_TO = cast('9999-12-31' as timestamp) or DBT_INTERNAL_DEST.VALID_TO is null)
  and DBT_INTERNAL_SOURCE.dbt_change_type in ('update', 'delete')
  then update set VALID_TO = DBT_INTERNAL_SOURCE.VALID_TO
when not matched
  and DBT_INTERNAL_SOURCE.dbt_change_type = 'insert'
  then insert (id, status, amount, updated_at, version_id, changed_at, valid_from, valid_to)
  values (DBT_INTERNAL_SOURCE.id, DBT_INTERNAL_SOURCE.status, DBT_INTERNAL_SOURCE.amount, DBT_INTERNAL_SOURCE.updated_at, DBT_INTERNAL_SOURCE.version_id, DBT_INTERNAL_SOURCE.changed_at, DBT_INTERNAL_SOURCE.valid_from, DBT_INTERNAL_SOURCE.valid_to);

-- 3. drop staging (drop)
drop table if exists warehouse.snapshots.orders_snapshot__tsmodel_tmp;
