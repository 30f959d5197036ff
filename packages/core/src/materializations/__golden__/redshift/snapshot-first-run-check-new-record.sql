-- 1. create snapshot table (create, transactional)
create table "warehouse"."snapshots"."orders_snapshot" as (
select *,
  md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(getdate()::timestamp as varchar), '')) as "dbt_scd_id",
  getdate()::timestamp as "dbt_updated_at",
  getdate()::timestamp as "dbt_valid_from",
  coalesce(nullif(getdate()::timestamp, getdate()::timestamp), cast('9999-12-31' as timestamp)) as "dbt_valid_to",
  'False' as "dbt_is_deleted"
from (
select id, status, amount, updated_at from "warehouse"."raw"."orders"
) sbq
);
