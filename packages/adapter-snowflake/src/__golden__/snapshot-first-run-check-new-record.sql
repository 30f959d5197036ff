-- 1. create snapshot table (create, transactional)
create transient table warehouse.snapshots.orders_snapshot as (
select *,
  md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as varchar), '')) as DBT_SCD_ID,
  to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_UPDATED_AT,
  to_timestamp_ntz(convert_timezone('UTC', current_timestamp())) as DBT_VALID_FROM,
  coalesce(nullif(to_timestamp_ntz(convert_timezone('UTC', current_timestamp())), to_timestamp_ntz(convert_timezone('UTC', current_timestamp()))), cast('9999-12-31' as timestamp)) as DBT_VALID_TO,
  'False' as DBT_IS_DELETED
from (
select id, status, amount, updated_at from "warehouse"."raw"."orders"
) sbq
);
