-- 1. create snapshot table (create, transactional)
create table "warehouse"."snapshots"."orders_snapshot" as (
select *,
  md5(coalesce(cast(id as varchar), '') || '|' || coalesce(cast(now()::timestamp without time zone as varchar), '')) as "dbt_scd_id",
  now()::timestamp without time zone as "dbt_updated_at",
  now()::timestamp without time zone as "dbt_valid_from",
  coalesce(nullif(now()::timestamp without time zone, now()::timestamp without time zone), cast('9999-12-31' as timestamp)) as "dbt_valid_to",
  'False' as "dbt_is_deleted"
from (
select id, status, amount, updated_at from "warehouse"."raw"."orders"
) sbq
);
