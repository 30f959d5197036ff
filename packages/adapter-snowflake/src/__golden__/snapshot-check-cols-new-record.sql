-- 1. stage snapshot changes (create)
create transient table warehouse.snapshots.orders_snapshot__tsmodel_tmp as (
with snapshot_query as (
select id, status, amount, updated_at from "warehouse"."raw"."orders"
),
snapshotted_data as (
  select *, id as dbt_unique_key
  from warehouse.snapshots.orders_snapshot
  where DBT_VALID_TO is null
),
insertions_source_data as (
  select *, id as dbt_unique_key,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_UPDATED_AT,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_VALID_FROM,
    coalesce(nullif(to_timestamp_ntz(convert_timezone('UTC', current_timestamp())), to_timestamp_ntz(convert_timezone('UTC', current_timestamp()))), null) as DBT_VALID_TO,
    md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as varchar), '')) as DBT_SCD_ID
  from snapshot_query
),
updates_source_data as (
  select *, id as dbt_unique_key,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_UPDATED_AT,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_VALID_FROM,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_VALID_TO
  from snapshot_query
),
deletes_source_data as (
  select *, id as dbt_unique_key
  from snapshot_query
),
insertions as (
  select 'insert' as dbt_change_type, source_data.*, 'False' as DBT_IS_DELETED
  from insertions_source_data as source_data
  left outer join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where snapshotted_data.dbt_unique_key is null
    or (snapshotted_data.dbt_unique_key is not null and (snapshotted_data.status != source_data.status or ((snapshotted_data.status is null) and not (source_data.status is null)) or ((not snapshotted_data.status is null) and (source_data.status is null)) or snapshotted_data.amount != source_data.amount or ((snapshotted_data.amount is null) and not (source_data.amount is null)) or ((not snapshotted_data.amount is null) and (source_data.amount is null)) or snapshotted_data.DBT_IS_DELETED = 'True'))
),
updates as (
  select 'update' as dbt_change_type, source_data.*, snapshotted_data.DBT_SCD_ID, snapshotted_data.DBT_IS_DELETED
  from updates_source_data as source_data
  join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where (snapshotted_data.status != source_data.status or ((snapshotted_data.status is null) and not (source_data.status is null)) or ((not snapshotted_data.status is null) and (source_data.status is null)) or snapshotted_data.amount != source_data.amount or ((snapshotted_data.amount is null) and not (source_data.amount is null)) or ((not snapshotted_data.amount is null) and (source_data.amount is null)) or snapshotted_data.DBT_IS_DELETED = 'True')
),
deletes as (
  select 'delete' as dbt_change_type, source_data.*,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_VALID_FROM,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_UPDATED_AT,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_VALID_TO,
    snapshotted_data.DBT_SCD_ID, snapshotted_data.DBT_IS_DELETED
  from snapshotted_data
  left join deletes_source_data as source_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where source_data.dbt_unique_key is null
    and not (
      snapshotted_data.DBT_IS_DELETED = 'True'
      and snapshotted_data.DBT_VALID_TO is null
    )
),
deletion_records as (
  select 'insert' as dbt_change_type,
    snapshotted_data.id,
    snapshotted_data.status,
    snapshotted_data.amount,
    snapshotted_data.updated_at,
    snapshotted_data.dbt_unique_key as dbt_unique_key,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_VALID_FROM,
    to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_UPDATED_AT,
    snapshotted_data.DBT_VALID_TO as DBT_VALID_TO,
    md5(coalesce(cast(snapshotted_data.DBT_SCD_ID as varchar), '') || '|' || coalesce(cast(to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as varchar), '')) as DBT_SCD_ID,
    'True' as DBT_IS_DELETED
  from snapshotted_data
  left join deletes_source_data as source_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
  where source_data.dbt_unique_key is null
    and not (
      snapshotted_data.DBT_IS_DELETED = 'True'
      and snapshotted_data.DBT_VALID_TO is null
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

-- 2. merge snapshot changes (merge, transactional)
merge into warehouse.snapshots.orders_snapshot as DBT_INTERNAL_DEST
using warehouse.snapshots.orders_snapshot__tsmodel_tmp as DBT_INTERNAL_SOURCE
on DBT_INTERNAL_SOURCE.DBT_SCD_ID = DBT_INTERNAL_DEST.DBT_SCD_ID
when matched
  and DBT_INTERNAL_DEST.DBT_VALID_TO is null
  and DBT_INTERNAL_SOURCE.dbt_change_type in ('update', 'delete')
  then update set DBT_VALID_TO = DBT_INTERNAL_SOURCE.DBT_VALID_TO
when not matched
  and DBT_INTERNAL_SOURCE.dbt_change_type = 'insert'
  then insert (id, status, amount, updated_at, dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to, dbt_is_deleted)
  values (DBT_INTERNAL_SOURCE.id, DBT_INTERNAL_SOURCE.status, DBT_INTERNAL_SOURCE.amount, DBT_INTERNAL_SOURCE.updated_at, DBT_INTERNAL_SOURCE.dbt_scd_id, DBT_INTERNAL_SOURCE.dbt_updated_at, DBT_INTERNAL_SOURCE.dbt_valid_from, DBT_INTERNAL_SOURCE.dbt_valid_to, DBT_INTERNAL_SOURCE.dbt_is_deleted);

-- 3. drop staging (drop)
drop table if exists warehouse.snapshots.orders_snapshot__tsmodel_tmp;
