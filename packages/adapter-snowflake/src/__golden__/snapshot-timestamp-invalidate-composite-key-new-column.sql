-- 1. stage snapshot changes (create)
create transient table warehouse.snapshots.orders_snapshot__tsmodel_tmp as (
with snapshot_query as (
select id, status, amount, updated_at from "warehouse"."raw"."orders"
),
snapshotted_data as (
  select *, id as dbt_unique_key_1, status as dbt_unique_key_2
  from warehouse.snapshots.orders_snapshot
  where DBT_VALID_TO is null
),
insertions_source_data as (
  select *, id as dbt_unique_key_1, status as dbt_unique_key_2,
    updated_at as DBT_UPDATED_AT,
    updated_at as DBT_VALID_FROM,
    coalesce(nullif(updated_at, updated_at), null) as DBT_VALID_TO,
    md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(status as varchar), '') || '|' || coalesce(cast(updated_at as varchar), '')) as DBT_SCD_ID
  from snapshot_query
),
updates_source_data as (
  select *, id as dbt_unique_key_1, status as dbt_unique_key_2,
    updated_at as DBT_UPDATED_AT,
    updated_at as DBT_VALID_FROM,
    updated_at as DBT_VALID_TO
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
    or (snapshotted_data.dbt_unique_key_1 is not null and (snapshotted_data.DBT_VALID_FROM < source_data.DBT_UPDATED_AT))
),
updates as (
  select 'update' as dbt_change_type, source_data.*, snapshotted_data.DBT_SCD_ID
  from updates_source_data as source_data
  join snapshotted_data on snapshotted_data.dbt_unique_key_1 = source_data.dbt_unique_key_1 and snapshotted_data.dbt_unique_key_2 = source_data.dbt_unique_key_2
  where (snapshotted_data.DBT_VALID_FROM < source_data.DBT_UPDATED_AT)
),
deletes as (
  select 'delete' as dbt_change_type, source_data.*,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_VALID_FROM,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_UPDATED_AT,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_VALID_TO,
    snapshotted_data.DBT_SCD_ID
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

-- 2. add new columns (alter)
alter table warehouse.snapshots.orders_snapshot add column currency VARCHAR;

-- 3. merge snapshot changes (merge, transactional)
merge into warehouse.snapshots.orders_snapshot as DBT_INTERNAL_DEST
using warehouse.snapshots.orders_snapshot__tsmodel_tmp as DBT_INTERNAL_SOURCE
on DBT_INTERNAL_SOURCE.DBT_SCD_ID = DBT_INTERNAL_DEST.DBT_SCD_ID
when matched
  and DBT_INTERNAL_DEST.DBT_VALID_TO is null
  and DBT_INTERNAL_SOURCE.dbt_change_type in ('update', 'delete')
  then update set DBT_VALID_TO = DBT_INTERNAL_SOURCE.DBT_VALID_TO
when not matched
  and DBT_INTERNAL_SOURCE.dbt_change_type = 'insert'
  then insert (id, status, amount, updated_at, currency, dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to)
  values (DBT_INTERNAL_SOURCE.id, DBT_INTERNAL_SOURCE.status, DBT_INTERNAL_SOURCE.amount, DBT_INTERNAL_SOURCE.updated_at, DBT_INTERNAL_SOURCE.currency, DBT_INTERNAL_SOURCE.dbt_scd_id, DBT_INTERNAL_SOURCE.dbt_updated_at, DBT_INTERNAL_SOURCE.dbt_valid_from, DBT_INTERNAL_SOURCE.dbt_valid_to);

-- 4. drop staging (drop)
drop table if exists warehouse.snapshots.orders_snapshot__tsmodel_tmp;
